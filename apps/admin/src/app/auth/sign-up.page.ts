import { ChangeDetectionStrategy, Component, ElementRef, Injector, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@fieldbook/contracts';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { SessionService } from '../core/session.service';
import { focusFirstProblem, FormErrors } from '@fieldbook/ui-core';

/** Creates an organization (with its production and sandbox environments) and signs its owner in. */
@Component({
  selector: 'fb-sign-up-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe],
  templateUrl: './sign-up.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignUpPage {
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly injector = inject(Injector);

  protected readonly passwordMin = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    organizationName: ['', [Validators.required, Validators.maxLength(200)]],
    name: ['', [Validators.required, Validators.maxLength(200)]],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });
  protected readonly errors = new FormErrors(this.form, inject(I18n).t, {
    organizationName: 'api:fields.organizationName',
    name: 'api:fields.adminName',
    email: 'api:fields.email',
    password: 'api:fields.password',
  });
  protected readonly busy = signal(false);
  protected readonly showPassword = signal(false);

  protected submit(): void {
    if (this.busy()) return;
    if (!this.errors.readyToSend()) return focusFirstProblem(this.host, this.injector);
    this.busy.set(true);
    const { organizationName, name, email, password } = this.form.getRawValue();
    this.session.signUp({ organizationName: organizationName.trim(), name: name.trim(), email: email.trim(), password }).subscribe({
      next: () => void this.router.navigateByUrl('/overview'),
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.fail(error);
        focusFirstProblem(this.host, this.injector);
      },
    });
  }
}
