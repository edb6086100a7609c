import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@fieldbook/contracts';
import { FormErrors, focusFirstProblem } from '@fieldbook/ui-core';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { PortalSessionService } from '../core/portal-session.service';

/** The signed-in customer changes their password; the API signs their other devices out. */
@Component({
  selector: 'fb-change-password-page',
  imports: [ReactiveFormsModule, TranslatePipe],
  templateUrl: './change-password.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordPage {
  private readonly sessions = inject(PortalSessionService);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly injector = inject(Injector);

  protected readonly passwordMin = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
    newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });
  protected readonly errors = new FormErrors(this.form, inject(I18n).t, { currentPassword: 'api:fields.currentPassword', newPassword: 'api:fields.newPassword' });
  protected readonly busy = signal(false);
  protected readonly changed = signal(false);

  protected submit(): void {
    if (this.busy()) return;
    this.changed.set(false);
    if (!this.errors.readyToSend()) return focusFirstProblem(this.host, this.injector);
    this.busy.set(true);
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.sessions.changePassword(currentPassword, newPassword).subscribe({
      next: () => {
        this.busy.set(false);
        this.form.reset();
        this.errors.reset();
        this.changed.set(true);
        afterNextRender(() => this.host.querySelector<HTMLElement>('#change-password-done')?.focus(), { injector: this.injector });
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.fail(error);
        focusFirstProblem(this.host, this.injector);
      },
    });
  }
}
