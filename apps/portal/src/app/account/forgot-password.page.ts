import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { PASSWORD_RESET_VALID_MINUTES } from '@fieldbook/contracts';
import { FormErrors, focusFirstProblem } from '@fieldbook/ui-core';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { PortalContext } from '../core/portal-context';
import { PortalSessionService } from '../core/portal-session.service';

/** Asks for a reset link. The answer never tells whether the address has an account here. */
@Component({
  selector: 'fb-forgot-password-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe],
  templateUrl: './forgot-password.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForgotPasswordPage {
  private readonly sessions = inject(PortalSessionService);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  protected readonly portal = inject(PortalContext);
  protected readonly minutes = PASSWORD_RESET_VALID_MINUTES;

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
  });
  protected readonly errors = new FormErrors(this.form, inject(I18n).t, { email: 'api:fields.email' });
  protected readonly busy = signal(false);
  /** The address a link was asked for, once the API has taken the request. */
  protected readonly sentTo = signal<string | null>(null);

  protected submit(): void {
    if (this.busy()) return;
    if (!this.errors.readyToSend()) return focusFirstProblem(this.host, this.injector);
    this.busy.set(true);
    const email = this.form.getRawValue().email.trim();
    this.sessions.forgotPassword(email).subscribe({
      next: () => {
        this.busy.set(false);
        this.sentTo.set(email);
        afterNextRender(() => this.host.querySelector<HTMLElement>('#forgot-password-sent')?.focus(), { injector: this.injector });
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.fail(error);
        focusFirstProblem(this.host, this.injector);
      },
    });
  }
}
