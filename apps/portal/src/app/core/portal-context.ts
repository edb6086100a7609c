import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, Signal, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRouteSnapshot } from '@angular/router';
import { ErrorBody, PortalAppearance } from '@fieldbook/contracts';
import { I18n } from '@fieldbook/ui-i18n';
import { Observable, catchError, map, of, startWith, switchMap } from 'rxjs';

/** The portal's look and words: on their way, there, absent (no portal at this address) or not loadable. */
export type AppearanceState =
  | { state: 'loading' }
  | { state: 'ready'; appearance: PortalAppearance }
  | { state: 'missing' }
  | { state: 'failed'; message: string };

/** The slug of the portal a route belongs to: the `:slug` parameter of the route or one of its parents. */
export function portalSlugOf(route: ActivatedRouteSnapshot): string {
  for (let current: ActivatedRouteSnapshot | null = route; current; current = current.parent) {
    const slug = current.paramMap.get('slug');
    if (slug) return slug;
  }
  return '';
}

/**
 * The portal being shown: one environment's, at /p/<slug>. The layout sets the slug from the route;
 * everything else asks here for the API paths and router links of this portal, and for its
 * appearance, which is fetched in the language the portal speaks and again after a switch.
 */
@Injectable({ providedIn: 'root' })
export class PortalContext {
  private readonly http = inject(HttpClient);
  private readonly i18n = inject(I18n);
  private readonly current = signal('');
  private readonly attempts = signal(0);
  /** The slug of the last appearance asked for: a new slug shows "loading", a new language keeps the old look until the new one arrives. */
  private askedFor = '';

  readonly slug: Signal<string> = this.current.asReadonly();

  readonly appearanceState: Signal<AppearanceState> = toSignal(
    toObservable(computed(() => ({ slug: this.current(), language: this.i18n.language(), attempt: this.attempts() }))).pipe(
      switchMap(({ slug, language }) => (slug ? this.fetch(slug, language) : of<AppearanceState>({ state: 'loading' }))),
    ),
    { initialValue: { state: 'loading' } as AppearanceState },
  );

  readonly appearance: Signal<PortalAppearance | undefined> = computed(() => {
    const state = this.appearanceState();
    return state.state === 'ready' ? state.appearance : undefined;
  });

  /** Shows the portal at /p/<slug>; called by the layout (and the guards, which run before it). */
  use(slug: string): void {
    this.current.set(slug);
  }

  /** Asks for the appearance again after it failed to load. */
  reloadAppearance(): void {
    this.attempts.update((count) => count + 1);
  }

  /** The API path of `path` in this portal: `api('auth/session')` → `/api/portal/<slug>/auth/session`. */
  api(path: string): string {
    return `/api/portal/${encodeURIComponent(this.current())}/${path.replace(/^\/+/, '')}`;
  }

  /** Router commands for a page of this portal: `link('bookings', id)` → `['/', slug, 'bookings', id]`. */
  link(...segments: string[]): string[] {
    return ['/', this.current(), ...segments];
  }

  private fetch(slug: string, language: string): Observable<AppearanceState> {
    const request = this.http
      .get<PortalAppearance>(`/api/portal/${encodeURIComponent(slug)}/appearance`, { params: { language } })
      .pipe(
        map((appearance): AppearanceState => ({ state: 'ready', appearance })),
        catchError((error: unknown) => of(this.failure(error))),
      );
    const sameSlug = slug === this.askedFor;
    this.askedFor = slug;
    return sameSlug ? request : request.pipe(startWith<AppearanceState>({ state: 'loading' }));
  }

  private failure(error: unknown): AppearanceState {
    if (error instanceof HttpErrorResponse) {
      if (error.status === 404) return { state: 'missing' };
      if (error.status === 0) return { state: 'failed', message: this.i18n.t('common:errors.network') };
      const body = error.error as Partial<ErrorBody> | null;
      if (typeof body?.message === 'string') return { state: 'failed', message: body.message };
    }
    return { state: 'failed', message: this.i18n.t('common:errors.unexpected') };
  }
}
