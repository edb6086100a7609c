import { ChangeDetectionStrategy, Component, ElementRef, Injector, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { PASSWORD_MAX_LENGTH } from '@fieldbook/contracts';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { safeReturnUrl } from '../core/auth.guards';
import { SessionService } from '../core/session.service';
import { focusFirstProblem, FormErrors } from '@fieldbook/ui-core';

@Component({
  selector: 'fb-sign-in-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe],
  templateUrl: './sign-in.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage {
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly injector = inject(Injector);

  /** Where to go after signing in (set by the guard that sent the visitor here). */
  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });
  protected readonly errors = new FormErrors(this.form, inject(I18n).t, { email: 'api:fields.email', password: 'api:fields.password' });
  protected readonly busy = signal(false);

  protected submit(): void {
    if (this.busy()) return;
    if (!this.errors.readyToSend()) return focusFirstProblem(this.host, this.injector);
    this.busy.set(true);
    this.session.signIn(this.form.getRawValue()).subscribe({
      next: () => void this.router.navigateByUrl(safeReturnUrl(this.returnUrl())),
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.fail(error);
        focusFirstProblem(this.host, this.injector);
      },
    });
  }
}
