import { ChangeDetectionStrategy, Component, DOCUMENT, Injector, afterNextRender, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { Language } from '@fieldbook/i18n';
import { I18n, LanguageSwitcherComponent, TranslatePipe } from '@fieldbook/ui-i18n';
import { filter, skip } from 'rxjs';
import { ApiProblem, toApiProblem } from '@fieldbook/ui-core';
import { SessionService } from './core/session.service';

@Component({
  selector: 'fb-root',
  imports: [RouterOutlet, RouterLink, LanguageSwitcherComponent, TranslatePipe],
  templateUrl: './app.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly i18n = inject(I18n);
  protected readonly session = inject(SessionService);
  protected readonly signOutProblem = signal<ApiProblem | null>(null);

  constructor() {
    // After moving to another page, put keyboard and screen-reader focus at the start of its content.
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(),
      )
      .subscribe(() => afterNextRender(() => this.focusMain(), { injector: this.injector }));
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.focusMain();
  }

  protected languageChanged(language: Language): void {
    this.session.saveLanguage(language);
  }

  protected retry(): void {
    this.document.defaultView?.location.reload();
  }

  protected signOut(): void {
    this.signOutProblem.set(null);
    this.session.signOut().subscribe({
      next: () => void this.router.navigateByUrl('/sign-in'),
      error: (error: unknown) => this.signOutProblem.set(toApiProblem(error, this.i18n.t)),
    });
  }

  private focusMain(): void {
    this.document.getElementById('main')?.focus();
  }
}
