import { BookingActionRefusal, BookingStatus } from '@fieldbook/contracts';
import { Translator } from '@fieldbook/i18n';
import { EntityManager } from 'typeorm';
import { BadRequestError, ConflictError, FieldIssue } from '../common/domain-error';
import { daysBetween, isValidDate } from '../scheduling/zoned-time';

/** Why a customer may not reschedule or cancel now: a catalog key under `api:errors.` and its parameters. */
export interface Refusal {
  code: string;
  params: Record<string, string | number>;
}

/** The company's ways to be reached, from its content snippets; null when not set. */
export interface CompanyContact {
  email: string | null;
  phone: string | null;
}

/**
 * What a customer may do now, by the rules BookingsService.reschedule and BookingChanges.cancel
 * hold a contact to: only a scheduled booking, and only before the cut-off. Those services still
 * enforce the rules themselves; this answers the question without trying.
 */
export function refusal(action: 'reschedule' | 'cancel', booking: { status: BookingStatus; startsAt: Date }, cutOffHours: number, now: number): Refusal | null {
  if (booking.status !== 'scheduled') {
    return { code: action === 'reschedule' ? 'bookingNotReschedulable' : 'bookingNotCancelable', params: { status: booking.status } };
  }
  if (booking.startsAt.getTime() - now < cutOffHours * 3_600_000) {
    return { code: action === 'reschedule' ? 'rescheduleCutOffPassed' : 'cancelCutOffPassed', params: { hours: cutOffHours } };
  }
  return null;
}

/** The refusal as the customer reads it, in their language. */
export function explain(refused: Refusal | null, t: Translator): BookingActionRefusal | null {
  return refused && { code: refused.code, message: t.t(`api:errors.${refused.code}`, refused.params) };
}

/**
 * The environment's content snippets `keys` in `language`, else in English, else in any language
 * they exist in; keys without text are left out. Inside a tenant transaction.
 */
export async function snippetsIn<K extends string>(manager: EntityManager, keys: readonly K[], language: string): Promise<Partial<Record<K, string>>> {
  const rows: { key: K; text: string }[] = await manager.query(
    `SELECT DISTINCT ON (key) key, text FROM content_snippet
      WHERE key = ANY($2::text[])
      ORDER BY key, language = $1 DESC, language = 'en' DESC, language`,
    [language, keys],
  );
  return Object.fromEntries(rows.map((row) => [row.key, row.text])) as Partial<Record<K, string>>;
}

export async function companyContact(manager: EntityManager, language: string): Promise<CompanyContact> {
  const snippets = await snippetsIn(manager, ['contact_email', 'contact_phone'], language);
  return { email: snippets.contact_email ?? null, phone: snippets.contact_phone ?? null };
}

/** One line per way to reach the company, for an error body's `details`. */
export function contactIssues(contact: CompanyContact): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (contact.email) issues.push({ field: 'contactEmail', code: 'api:bookingCodes.contactEmail', params: { email: contact.email } });
  if (contact.phone) issues.push({ field: 'contactPhone', code: 'api:bookingCodes.contactPhone', params: { phone: contact.phone } });
  return issues;
}

/**
 * 409 for a refused change, saying how to reach the company when it is too late to act online:
 * `details` has a line per way to reach it and `contact` the raw values (null when not set).
 */
export function refusalError(refused: Refusal, contact: CompanyContact): ConflictError {
  const cutOff = refused.code === 'rescheduleCutOffPassed' || refused.code === 'cancelCutOffPassed';
  const error = new ConflictError(refused.code, refused.params, cutOff ? contactIssues(contact) : []);
  if (cutOff) Object.assign(error.extra, { contact });
  return error;
}

/** `from` and `to` are local dates (YYYY-MM-DD), `to` not before `from`. */
export function checkLocalDateRange(range: { from: string; to: string }): void {
  for (const field of ['from', 'to'] as const) {
    if (!isValidDate(range[field])) throw new BadRequestError('invalidDate', { field }, [{ field, code: 'api:errors.invalidDate' }]);
  }
  if (daysBetween(range.from, range.to) < 0) throw new BadRequestError('rangeReversed', {}, [{ field: 'to', code: 'api:errors.rangeReversed' }]);
}
