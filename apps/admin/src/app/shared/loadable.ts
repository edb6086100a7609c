import { Observable, catchError, map, of, startWith } from 'rxjs';
import { ApiProblem, toApiProblem } from '@fieldbook/ui-core';

/** Something a page fetches: on its way, there, or failed with a message to show. */
export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; problem: ApiProblem };

export const LOADING: Loadable<never> = { state: 'loading' };

/**
 * Runs `request` as a Loadable. `showLoading: false` keeps what is on screen until the new answer
 * arrives (a refresh after a change), instead of flashing "Loading…".
 */
export function toLoadable<T>(request: Observable<T>, translate: (key: string) => string, options: { showLoading?: boolean } = {}): Observable<Loadable<T>> {
  const result = request.pipe(
    map((value): Loadable<T> => ({ state: 'ready', value })),
    catchError((error: unknown) => of<Loadable<T>>({ state: 'failed', problem: toApiProblem(error, translate) })),
  );
  return options.showLoading === false ? result : result.pipe(startWith<Loadable<T>>(LOADING));
}
