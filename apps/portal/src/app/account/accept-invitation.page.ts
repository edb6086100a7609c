import { ChangeDetectionStrategy, Component, ElementRef, Injector, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PortalInvitationPreview } from '@fieldbook/contracts';
import { FormErrors, focusFirstProblem, toApiProblem } from '@fieldbook/ui-core';
import { I18n, LocalDatePipe, TranslatePipe } from '@fieldbook/ui-i18n';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { PortalContext } from '../core/portal-context';
import { PortalSessionService, afterSignIn } from '../core/portal-session.service';

type InvitationState = { state: 'loading' } | { state: 'ready'; preview: PortalInvitationPreview } | { state: 'failed'; message: string };

/** Where the invitation link lands: the contact chooses a password and is signed in. */
@Component({
  selector: 'fb-accept-invitation-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LocalDatePipe],
  templateUrl: './accept-invitation.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AcceptInvitationPage {
  private readonly sessions = inject(PortalSessionService);
  private readonly router = inject(Router);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  private readonly t = inject(I18n).t;
  protected readonly portal = inject(PortalContext);

  /** From the route: /p/:slug/invitation/:token. */
  readonly token = input.required<string>();

  protected readonly passwordMin = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });
  protected readonly errors = new FormErrors(this.form, this.t, { password: 'api:fields.password' });
  protected readonly busy = signal(false);

  protected readonly invitation = toSignal(
    toObservable(this.token).pipe(
      switchMap((token) =>
        this.sessions.previewInvitation(token).pipe(
          map((preview): InvitationState => ({ state: 'ready', preview })),
          catchError((error: unknown) => of<InvitationState>({ state: 'failed', message: toApiProblem(error, this.t).message })),
          startWith<InvitationState>({ state: 'loading' }),
        ),
      ),
    ),
    { initialValue: { state: 'loading' } as InvitationState },
  );

  protected submit(): void {
    if (this.busy()) return;
    if (!this.errors.readyToSend()) return focusFirstProblem(this.host, this.injector);
    this.busy.set(true);
    this.sessions.acceptInvitation(this.token(), this.form.getRawValue().password).subscribe({
      next: (session) => void this.router.navigateByUrl(afterSignIn(session, null, this.portal.slug())),
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.fail(error);
        focusFirstProblem(this.host, this.injector);
      },
    });
  }
}
