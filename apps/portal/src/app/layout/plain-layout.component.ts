import { ChangeDetectionStrategy, Component, DOCUMENT, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { LanguageSwitcherComponent, TranslatePipe } from '@fieldbook/ui-i18n';

/** Around the pages that belong to no company: /p/ itself. */
@Component({
  selector: 'fb-plain-layout',
  imports: [RouterOutlet, LanguageSwitcherComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main" (click)="skipToMain($event)">{{ 'skipToContent' | t }}</a>
    <header class="portal-bar">
      <fb-language-switcher />
    </header>
    <main id="main" class="portal-main" tabindex="-1">
      <router-outlet />
    </main>
    <footer class="portal-footer">
      <p>{{ 'poweredBy' | t }}</p>
    </footer>
  `,
})
export class PlainLayoutComponent {
  private readonly document = inject(DOCUMENT);

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.document.getElementById('main')?.focus();
  }
}
