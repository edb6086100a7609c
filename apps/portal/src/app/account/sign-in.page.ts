import { ChangeDetectionStrategy, Component, ElementRef, Injector, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { PASSWORD_MAX_LENGTH } from '@fieldbook/contracts';
import { FormErrors, focusFirstProblem } from '@fieldbook/ui-core';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { PortalContext } from '../core/portal-context';
import { PortalSessionService, afterSignIn } from '../core/portal-session.service';

@Component({
  selector: 'fb-sign-in-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe],
  templateUrl: './sign-in.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage {
  private readonly router = inject(Router);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  protected readonly portal = inject(PortalContext);
  protected readonly session = inject(PortalSessionService);

  /** Where to go after signing in (set by the guard that sent the customer here). */
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
    const { email, password } = this.form.getRawValue();
    this.session.signIn(email.trim(), password).subscribe({
      next: (session) => void this.router.navigateByUrl(afterSignIn(session, this.returnUrl(), this.portal.slug())),
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.fail(error);
        focusFirstProblem(this.host, this.injector);
      },
    });
  }
}
