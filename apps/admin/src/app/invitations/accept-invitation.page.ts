import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { InvitationPreview, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@fieldbook/contracts';
import { I18n, LocalDatePipe, TranslatePipe } from '@fieldbook/ui-i18n';
import { switchMap, tap } from 'rxjs';
import { ConsoleContext } from '../core/console-context.service';
import { SessionService } from '../core/session.service';
import { focusFirstProblem, FormErrors } from '@fieldbook/ui-core';
import { LOADING, Loadable, toLoadable } from '../shared/loadable';
import { InvitationsService } from './invitations.service';

/**
 * Where an invitation link lands. Someone new chooses a name and a password; someone who already
 * has a Fieldbook account confirms it with its password. Either way they end up signed in.
 */
@Component({
  selector: 'fb-accept-invitation-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LocalDatePipe],
  templateUrl: './accept-invitation.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AcceptInvitationPage {
  private readonly invitations = inject(InvitationsService);
  private readonly context = inject(ConsoleContext);
  private readonly router = inject(Router);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  private readonly t = inject(I18n).t;
  protected readonly session = inject(SessionService);

  /** From the route: /invitations/:token. */
  readonly token = input.required<string>();

  protected readonly passwordMin = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    password: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });
  protected readonly errors = new FormErrors(this.form, this.t, { name: 'api:fields.adminName', password: 'api:fields.password' });
  protected readonly busy = signal(false);
  protected readonly showPassword = signal(false);

  protected readonly invitation = toSignal(
    toObservable(this.token).pipe(
      switchMap((token) => toLoadable(this.invitations.preview(token).pipe(tap((preview) => this.prepareForm(preview))), this.t)),
    ),
    { initialValue: LOADING as Loadable<InvitationPreview> },
  );
  /** Signed in as someone else than the invited address: accepting switches accounts. */
  protected readonly signedInAsOther = computed(() => {
    const invitation = this.invitation();
    const user = this.session.user();
    return invitation.state === 'ready' && user && user.email.toLowerCase() !== invitation.value.email.toLowerCase() ? user.email : null;
  });

  constructor() {
    // Only to know whether to mention who is signed in; the page works either way.
    void this.session.ensureLoaded();
  }

  protected submit(invitation: InvitationPreview): void {
    if (this.busy()) return;
    if (!this.errors.readyToSend()) return focusFirstProblem(this.host, this.injector);
    this.busy.set(true);
    const { name, password } = this.form.getRawValue();
    const request = invitation.existingUser ? { password } : { name: name.trim(), password };
    this.invitations.accept(this.token(), request).subscribe({
      next: (session) => {
        const joined = session.organizations.find((organization) => organization.name === invitation.organizationName && organization.role === invitation.role);
        if (joined) this.context.selectOrganization(joined.id);
        void this.router.navigateByUrl('/overview');
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.fail(error);
        focusFirstProblem(this.host, this.injector);
      },
    });
  }

  /** An existing account only proves itself with its password; a new one needs a name and a good password. */
  private prepareForm(preview: InvitationPreview): void {
    const { name, password } = this.form.controls;
    if (preview.existingUser) {
      name.disable();
      password.setValidators([Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]);
    } else {
      name.enable();
      password.setValidators([Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]);
    }
    password.updateValueAndValidity();
  }
}
