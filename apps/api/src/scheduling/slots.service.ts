import { Injectable } from '@nestjs/common';
import { SlotQuery, SlotView, SlotsResponse } from '@fieldbook/contracts';
import {
  type Instant,
  type Interval,
  type LocalDateTime,
  type NoSlotReason,
  type SlotSearchInput,
  type SlotSearchResult,
  eligibleTechnicians,
  intersectInterval,
  localClockFor,
  searchSlots,
} from '@fieldbook/scheduling';
import { Translator } from '@fieldbook/i18n';
import { BadRequestError } from '../common/domain-error';
import { SchedulingData, SchedulingSettings, ServiceTypeForScheduling } from './scheduling-data';
import { ServiceLocation, ServiceLocationResolver } from './service-location';
import { addDays, daysBetween, isValidDate, localDate, localDateRange, startOfLocalDay, toZonedIso } from './zoned-time';

export interface SearchContext {
  settings: SchedulingSettings;
  serviceType: ServiceTypeForScheduling;
  location: ServiceLocation;
}

/**
 * Bookable times are clamped to [start of today + minimum lead, end of today + maximum lead] in the
 * service location's zone, and never before now.
 */
export function bookingWindow(now: Instant, settings: SchedulingSettings, timeZone: string): Interval {
  const today = localDate(now, timeZone);
  return {
    start: Math.max(now, startOfLocalDay(addDays(today, settings.minLeadDays), timeZone)),
    end: startOfLocalDay(addDays(today, settings.maxLeadDays + 1), timeZone),
  };
}

@Injectable()
export class SlotsService {
  constructor(
    private readonly data: SchedulingData,
    private readonly locations: ServiceLocationResolver,
  ) {}

  async context(query: SlotQuery | Omit<SlotQuery, 'from' | 'to'>): Promise<SearchContext> {
    const { settings, serviceType } = await this.data.context(query.serviceTypeId);
    const location = await this.locations.resolve(query);
    return { settings, serviceType, location };
  }

  async search(query: SlotQuery, t: Translator, now = Date.now()): Promise<SlotsResponse> {
    for (const field of ['from', 'to'] as const) {
      if (!isValidDate(query[field])) throw new BadRequestError('invalidDate', { field }, [{ field, code: 'api:errors.invalidDate' }]);
    }
    if (daysBetween(query.from, query.to) < 0) throw new BadRequestError('rangeReversed', {}, [{ field: 'to', code: 'api:errors.rangeReversed' }]);
    const context = await this.context(query);
    const maxDays = context.settings.maxLeadDays + 1;
    if (daysBetween(query.from, query.to) + 1 > maxDays) {
      throw new BadRequestError('rangeTooLong', { days: maxDays }, [{ field: 'to', code: 'api:errors.rangeTooLong', params: { days: maxDays } }]);
    }
    const requested = localDateRange(query.from, query.to, context.location.timeZone);
    const result = await this.find(context, requested, now);
    return this.present(result, context, t);
  }

  /**
   * The engine's answer for `requested`. Only technicians who qualify are read with their hours,
   * and only their bookings and time off within the bookable part of `requested` (plus the travel
   * buffer). When nobody qualifies, the engine is given everyone's skills and home instead, so it
   * can say why.
   */
  async find(context: SearchContext, requested: Interval, now: number, excludeBookingId?: string): Promise<SlotSearchResult> {
    const { settings, serviceType, location } = context;
    const rules: Omit<SlotSearchInput, 'technicians'> = {
      requiredSkills: serviceType.requiredSkills,
      location: { lat: location.lat, lng: location.lng, timeZone: location.timeZone },
      durationMinutes: serviceType.durationMinutes,
      travelBufferMinutes: settings.travelBufferMinutes,
      granularityMinutes: settings.granularityMinutes,
      travelRadiusKm: settings.travelRadiusKm,
      requested,
      bookingWindow: bookingWindow(now, settings, location.timeZone),
    };
    // Bookings and time off that can touch a bookable job; none at all when nothing is bookable.
    const bookable = intersectInterval(requested, rules.bookingWindow);
    const buffer = settings.travelBufferMinutes * 60_000;
    const calendar = bookable && { start: bookable.start - buffer, end: bookable.end + buffer };
    const candidates = await this.data.qualified({ requiredSkills: serviceType.requiredSkills, location, travelRadiusKm: settings.travelRadiusKm }, calendar, excludeBookingId);
    const { qualified } = eligibleTechnicians(candidates, rules);
    return searchSlots({ ...rules, technicians: qualified.length > 0 ? qualified : await this.data.eligibilityOfAll() });
  }

  present(result: SlotSearchResult, context: SearchContext, t: Translator): SlotsResponse {
    const zone = context.location.timeZone;
    const read = result.window ? localClockFor(zone, result.window) : undefined;
    return {
      timeZone: zone,
      window: result.window && { start: toZonedIso(result.window.start, zone, read), end: toZonedIso(result.window.end, zone, read) },
      slots: result.slots.map((slot) => this.view(slot, zone, read)),
      reasons: result.reasons.map((reason) => ({ code: reason.code, message: reasonMessage(reason, t) })),
    };
  }

  view(slot: { start: Instant; end: Instant; technicianIds: string[] }, zone: string, read?: (instant: Instant) => LocalDateTime): SlotView {
    return { start: toZonedIso(slot.start, zone, read), end: toZonedIso(slot.end, zone, read), technicianCount: slot.technicianIds.length };
  }
}

export function reasonMessage(reason: NoSlotReason, t: Translator): string {
  switch (reason.code) {
    case 'missingSkill':
      return t.t('api:slots.missingSkill', { skill: reason.skillName, level: reason.minProficiency });
    case 'beyondRadius':
      return t.t('api:slots.beyondRadius', { radius: reason.radiusKm });
    default:
      return t.t(`api:slots.${reason.code}`);
  }
}
