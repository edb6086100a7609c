import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ErrorBody, PortalInfo } from '@fieldbook/contracts';
import { I18n, TranslatePipe, TranslatedTitleStrategy } from '@fieldbook/ui-i18n';
import { Observable, catchError, map, of, startWith, switchMap } from 'rxjs';
import { NotFoundPage } from '../not-found/not-found.page';
import { PortalService } from './portal.service';

type PortalState = { state: 'loading' } | { state: 'ready'; portal: PortalInfo } | { state: 'missing' } | { state: 'failed'; message: string };

/** The front page of one environment's portal. */
@Component({
  selector: 'fb-portal-home-page',
  imports: [TranslatePipe, NotFoundPage],
  templateUrl: './portal-home.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalHomePage {
  private readonly portals = inject(PortalService);
  private readonly t = inject(I18n).t;
  private readonly titles = inject(TranslatedTitleStrategy);

  /** From the route: /p/:slug. */
  readonly slug = input.required<string>();
  private readonly attempts = signal(0);
  private readonly request = computed(() => ({ slug: this.slug(), attempt: this.attempts() }));

  protected readonly portal = toSignal(
    toObservable(this.request).pipe(switchMap(({ slug }) => this.load(slug))),
    { initialValue: { state: 'loading' } as PortalState },
  );

  constructor() {
    effect(() => {
      const current = this.portal();
      if (current.state === 'ready') this.titles.usePageTitle(current.portal.portalName);
      else if (current.state === 'missing') this.titles.usePageTitle(this.t('notFound.title'));
    });
    inject(DestroyRef).onDestroy(() => this.titles.usePageTitle(null));
  }

  protected retry(): void {
    this.attempts.update((count) => count + 1);
  }

  private load(slug: string): Observable<PortalState> {
    return this.portals.info(slug).pipe(
      map((portal): PortalState => ({ state: 'ready', portal })),
      catchError((error: unknown) => of(this.failure(error))),
      startWith<PortalState>({ state: 'loading' }),
    );
  }

  private failure(error: unknown): PortalState {
    if (error instanceof HttpErrorResponse) {
      if (error.status === 404) return { state: 'missing' };
      if (error.status === 0) return { state: 'failed', message: this.t('common:errors.network') };
      const body = error.error as Partial<ErrorBody> | null;
      if (typeof body?.message === 'string') return { state: 'failed', message: body.message };
    }
    return { state: 'failed', message: this.t('common:errors.unexpected') };
  }
}
