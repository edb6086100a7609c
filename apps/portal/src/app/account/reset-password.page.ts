import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@fieldbook/contracts';
import { FormErrors, focusFirstProblem } from '@fieldbook/ui-core';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { PortalContext } from '../core/portal-context';
import { PortalSessionService, afterSignIn } from '../core/portal-session.service';

/** Where a reset link lands: a new password, then signed in. */
@Component({
  selector: 'fb-reset-password-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe],
  templateUrl: './reset-password.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPasswordPage {
  private readonly sessions = inject(PortalSessionService);
  private readonly router = inject(Router);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  protected readonly portal = inject(PortalContext);

  /** From the route: /p/:slug/reset-password/:token. */
  readonly token = input.required<string>();

  protected readonly passwordMin = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });
  protected readonly errors = new FormErrors(this.form, inject(I18n).t, { password: 'api:fields.password' });
  protected readonly busy = signal(false);
  /** A link that is unknown, used or expired cannot be fixed by another password: offer a new link. */
  protected readonly linkUnusable = computed(() => {
    const problem = this.errors.problem();
    return !!problem && [404, 409, 410].includes(problem.status);
  });

  protected submit(): void {
    if (this.busy()) return;
    if (!this.errors.readyToSend()) return focusFirstProblem(this.host, this.injector);
    this.busy.set(true);
    this.sessions.resetPassword(this.token(), this.form.getRawValue().password).subscribe({
      next: (session) => void this.router.navigateByUrl(afterSignIn(session, null, this.portal.slug())),
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.fail(error);
        focusFirstProblem(this.host, this.injector);
      },
    });
  }
}
