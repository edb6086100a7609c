import { HttpParams } from '@angular/common/http';

/** The page size every log in the console asks for. */
export const PAGE_SIZE = 25;

/** Query parameters from a filter object: empty values are left out, so the server applies no filter. */
export function toParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params = params.set(name, String(value));
  }
  return params;
}

/** Local calendar day `date` (YYYY-MM-DD) at midnight, as an instant; `nextDay` moves to the following midnight. */
export function startOfLocalDay(date: string, nextDay = false): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  return new Date(year, month - 1, day + (nextDay ? 1 : 0)).toISOString();
}

export const UUID_PATTERN = /^\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\s*$/i;
