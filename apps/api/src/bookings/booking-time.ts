import { type Instant, instantToLocal } from '@fieldbook/scheduling';
import { BadRequestError } from '../common/domain-error';
import { SearchContext, bookingWindow } from '../scheduling/slots.service';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function refuse(code: string, params: Record<string, string | number> = {}): never {
  throw new BadRequestError(code, params, [{ field: 'start', code: `api:errors.${code}`, params }]);
}

/** The requested start as an instant, if it is a real time in the booking window and on the slot grid. */
export function checkStart(text: string, context: SearchContext, now: Instant): Instant {
  if (!ISO_WITH_OFFSET.test(text) || Number.isNaN(Date.parse(text))) refuse('invalidStart');
  const start = Date.parse(text);
  if (start < now) refuse('slotInPast');
  const window = bookingWindow(now, context.settings, context.location.timeZone);
  const end = start + context.serviceType.durationMinutes * 60_000;
  if (start < window.start || end > window.end) {
    refuse('slotOutsideWindow', { min: context.settings.minLeadDays, max: context.settings.maxLeadDays });
  }
  const [hours, minutes] = instantToLocal(start, context.location.timeZone).time.split(':').map(Number);
  if (((hours ?? 0) * 60 + (minutes ?? 0)) % context.settings.granularityMinutes !== 0 || start % 60_000 !== 0) {
    refuse('slotNotOnGrid', { minutes: context.settings.granularityMinutes });
  }
  return start;
}
