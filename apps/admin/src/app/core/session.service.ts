import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { AdminUserSummary, SessionResponse, SignInRequest, SignUpRequest } from '@fieldbook/contracts';
import { I18n } from '@fieldbook/ui-i18n';
import { Observable, catchError, firstValueFrom, of, tap } from 'rxjs';

/**
 * Who is signed in, and the organizations they belong to. `undefined` until the API has been
 * asked, `null` when nobody is signed in.
 */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly http = inject(HttpClient);
  private readonly i18n = inject(I18n);
  private readonly state = signal<SessionResponse | null | undefined>(undefined);
  private readonly failure = signal<unknown>(null);
  private pending?: Promise<SessionResponse | null>;

  readonly session = this.state.asReadonly();
  readonly user = computed(() => this.state()?.user ?? null);
  readonly organizations = computed(() => this.state()?.organizations ?? []);
  /** Why the last attempt to ask the API about the session failed (network, server error), if it did. */
  readonly loadError = this.failure.asReadonly();

  /** Asks the API who is signed in, once; later calls reuse the answer. */
  ensureLoaded(): Promise<SessionResponse | null> {
    const known = this.state();
    if (known !== undefined) return Promise.resolve(known);
    this.pending ??= firstValueFrom(this.fetch()).finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Asks again, e.g. after a membership changed. */
  refresh(): Observable<SessionResponse | null> {
    return this.fetch();
  }

  signIn(request: SignInRequest): Observable<SessionResponse> {
    return this.http.post<SessionResponse>('/api/auth/sign-in', request).pipe(tap((session) => this.adopt(session)));
  }

  signUp(request: Omit<SignUpRequest, 'language'>): Observable<SessionResponse> {
    const body: SignUpRequest = { ...request, language: this.i18n.language() };
    return this.http.post<SessionResponse>('/api/auth/sign-up', body).pipe(tap((session) => this.adopt(session)));
  }

  signOut(): Observable<void> {
    return this.http.post<void>('/api/auth/sign-out', {}).pipe(tap(() => this.state.set(null)));
  }

  /** A session started elsewhere (accepting an invitation signs the invitee in). */
  adopt(session: SessionResponse): void {
    this.state.set(session);
    this.i18n.adopt(session.user.language);
    if (session.user.language !== this.i18n.language()) this.saveLanguage(this.i18n.language());
  }

  /**
   * Remembers the language on the account too: the API answers a signed-in admin in the account's
   * language, so it has to follow the switcher.
   */
  saveLanguage(language: string): void {
    const user = this.user();
    if (!user || user.language === language) return;
    this.http.patch<AdminUserSummary>('/api/auth/me', { language }).subscribe({
      next: (updated) => this.state.update((session) => (session ? { ...session, user: updated } : session)),
      // The page already speaks the new language; only the API's messages stay in the old one.
      error: (error: unknown) => console.error('Could not save the language preference', error),
    });
  }

  private fetch(): Observable<SessionResponse | null> {
    return this.http.get<SessionResponse>('/api/auth/session').pipe(
      tap((session) => {
        this.failure.set(null);
        this.adopt(session);
      }),
      catchError((error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 401) {
          this.failure.set(null);
          this.state.set(null);
        } else {
          // No answer about the session: shown as a problem, treated as signed out for this
          // navigation, and not remembered, so the next navigation asks again.
          this.failure.set(error);
        }
        return of(null);
      }),
    );
  }
}
