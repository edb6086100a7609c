import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, Signal, computed, inject, signal } from '@angular/core';
import {
  AcceptPortalInvitationRequest,
  ChangePasswordRequest,
  ForgotPasswordRequest,
  PortalInvitationPreview,
  PortalSession,
  PortalSignInRequest,
  ResetPasswordRequest,
  UpdatePortalProfileRequest,
} from '@fieldbook/contracts';
import { I18n } from '@fieldbook/ui-i18n';
import { Observable, catchError, of, tap, throwError } from 'rxjs';
import { PortalContext } from './portal-context';

interface KnownSession {
  /** Sessions belong to one portal: another slug knows nothing yet. */
  slug: string;
  value: PortalSession | null;
}

/**
 * Who is signed in to this portal. `undefined` until the API has been asked, `null` when nobody is.
 * Every call goes to the current portal's `/api/portal/<slug>/…` routes.
 */
@Injectable({ providedIn: 'root' })
export class PortalSessionService {
  private readonly http = inject(HttpClient);
  private readonly portal = inject(PortalContext);
  private readonly i18n = inject(I18n);
  private readonly state = signal<KnownSession | undefined>(undefined);
  private readonly failure = signal<unknown>(null);
  private readonly ended = signal(false);

  readonly session: Signal<PortalSession | null | undefined> = computed(() => {
    const known = this.state();
    return known && known.slug === this.portal.slug() ? known.value : undefined;
  });
  readonly contact = computed(() => this.session()?.contact ?? null);
  /** Why the last attempt to ask the API about the session failed (network, server error), if it did. */
  readonly loadError = this.failure.asReadonly();
  /** True after the session ran out while the customer was using the portal, until they sign in again. */
  readonly expired = this.ended.asReadonly();

  /** Asks the API who is signed in (401 → null). Other failures are reported, not remembered, and passed on. */
  load(): Observable<PortalSession | null> {
    const slug = this.portal.slug();
    return this.http.get<PortalSession>(this.portal.api('auth/session')).pipe(
      tap((session) => {
        this.failure.set(null);
        this.adopt(session, slug);
      }),
      catchError((error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 401) {
          this.failure.set(null);
          this.state.set({ slug, value: null });
          return of(null);
        }
        this.failure.set(error);
        return throwError(() => error);
      }),
    );
  }

  signIn(email: string, password: string): Observable<PortalSession> {
    const body: PortalSignInRequest = { email, password };
    return this.signingIn(this.http.post<PortalSession>(this.portal.api('auth/sign-in'), body));
  }

  signOut(): Observable<void> {
    const slug = this.portal.slug();
    return this.http.post<void>(this.portal.api('auth/sign-out'), {}).pipe(tap(() => this.state.set({ slug, value: null })));
  }

  /** What an invitation link may show before a password is chosen (404/409/410 when it cannot be used). */
  previewInvitation(token: string): Observable<PortalInvitationPreview> {
    return this.http.get<PortalInvitationPreview>(this.portal.api(`invitations/${encodeURIComponent(token)}`));
  }

  acceptInvitation(token: string, password: string): Observable<PortalSession> {
    const body: AcceptPortalInvitationRequest = { password };
    return this.signingIn(this.http.post<PortalSession>(this.portal.api(`invitations/${encodeURIComponent(token)}/accept`), body));
  }

  /** The answer is the same whether or not the address has an account here. */
  forgotPassword(email: string): Observable<void> {
    const body: ForgotPasswordRequest = { email };
    return this.http.post<void>(this.portal.api('auth/forgot-password'), body);
  }

  resetPassword(token: string, password: string): Observable<PortalSession> {
    const body: ResetPasswordRequest = { token, password };
    return this.signingIn(this.http.post<PortalSession>(this.portal.api('auth/reset-password'), body));
  }

  changePassword(current: string, next: string): Observable<void> {
    const body: ChangePasswordRequest = { currentPassword: current, newPassword: next };
    return this.http.post<void>(this.portal.api('auth/change-password'), body);
  }

  /** Saves the profile; a saved language becomes the portal's language too. */
  updateProfile(patch: UpdatePortalProfileRequest): Observable<PortalSession> {
    return this.http.patch<PortalSession>(this.portal.api('profile'), patch).pipe(
      tap((session) => {
        if (patch.language) this.i18n.use(patch.language);
        this.adopt(session);
      }),
    );
  }

  /**
   * The language chosen in the switcher, kept on the signed-in customer's profile so messages and
   * the next visit use it too. Nothing to do when signed out or when it is already theirs.
   */
  rememberLanguage(language: string): Observable<PortalSession | null> {
    const contact = this.contact();
    if (!contact || contact.language === language) return of(null);
    return this.updateProfile({ language });
  }

  /** Stops the portal asking for the profile after the first sign-in. */
  skipProfile(): Observable<PortalSession> {
    return this.http.post<PortalSession>(this.portal.api('profile/skip'), {}).pipe(tap((session) => this.adopt(session)));
  }

  /** The API said the session is over (it expired, or was ended by a password change elsewhere). */
  expire(): void {
    this.state.set({ slug: this.portal.slug(), value: null });
    this.ended.set(true);
  }

  private signingIn(request: Observable<PortalSession>): Observable<PortalSession> {
    return request.pipe(
      tap((session) => {
        this.ended.set(false);
        this.adopt(session);
      }),
    );
  }

  /** A session the API handed over (signing in, accepting an invitation, saving the profile). */
  adopt(session: PortalSession, slug = this.portal.slug()): void {
    this.state.set({ slug, value: session });
    // A language chosen on this device wins over the one on the account.
    this.i18n.adopt(session.contact.language);
  }
}

/** Only paths inside this portal are followed after signing in, never another portal or site. */
export function safeReturnUrl(value: string | null | undefined, slug: string, fallback = 'bookings'): string {
  const home = `/${slug}`;
  const inside = !!value && (value === home || value.startsWith(`${home}/`) || value.startsWith(`${home}?`)) && !value.includes('\\');
  return inside ? value : `${home}/${fallback}`;
}

/** Where a customer goes once signed in: the profile step first after the first sign-in, then `returnUrl`. */
export function afterSignIn(session: PortalSession, returnUrl: string | null | undefined, slug: string): string {
  const target = safeReturnUrl(returnUrl, slug);
  return session.profilePending ? `/${slug}/profile?returnUrl=${encodeURIComponent(target)}` : target;
}
