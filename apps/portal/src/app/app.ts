import { ChangeDetectionStrategy, Component, DOCUMENT, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { LanguageSwitcherComponent, TranslatePipe } from '@fieldbook/ui-i18n';

@Component({
  selector: 'fb-root',
  imports: [RouterOutlet, LanguageSwitcherComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main" (click)="skipToMain($event)">{{ 'skipToContent' | t }}</a>
    <header class="portal-bar">
      <fb-language-switcher />
    </header>
    <router-outlet />
    <footer class="portal-footer">
      <p>{{ 'poweredBy' | t }}</p>
    </footer>
  `,
})
export class App {
  private readonly document = inject(DOCUMENT);

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.document.getElementById('main')?.focus();
  }
}
