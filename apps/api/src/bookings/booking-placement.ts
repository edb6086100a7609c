import { HttpStatus, Injectable } from '@nestjs/common';
import { SlotView } from '@fieldbook/contracts';
import { type Instant, isSlotAvailable, rankTechnicians } from '@fieldbook/scheduling';
import { DomainError } from '../common/domain-error';
import { isExclusionViolation } from '../common/pg-errors';
import { SchedulingData } from '../scheduling/scheduling-data';
import { SearchContext, SlotsService, bookingWindow } from '../scheduling/slots.service';
import { addDays, localDate, localDateRange } from '../scheduling/zoned-time';
import { TenancyService } from '../tenancy/tenancy.service';

const ALTERNATIVES = 10;
const ACTIVE = `('scheduled', 'traveling', 'in_progress')`;

/** 409: the time was free when shown but is taken now; the body carries fresh times. */
export class SlotTakenError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor(alternatives: SlotView[]) {
    super('slotTaken');
    Object.assign(this.extra, { alternatives });
  }
}

export interface Placement {
  context: SearchContext;
  start: Instant;
  /** The booking being moved, when rescheduling: it must not block itself. */
  bookingId?: string;
  /** Tried first when still free (a reschedule keeps its technician if it can). */
  preferredTechnicianId?: string;
  now: Instant;
}

/**
 * Puts a booking on a technician without ever double-booking one, even under concurrent requests.
 * Candidates are tried in the fair order (fewest bookings that local day, then nearest, then id).
 * For each: a savepoint, a lock on that technician alone, a fresh re-check of their calendar with
 * buffers, then the write; the exclusion constraint on booking is the last word. A candidate that
 * fails is rolled back to its savepoint — which also releases its lock, so a request never holds
 * two technicians' locks and two requests cannot deadlock.
 */
@Injectable()
export class BookingPlacement {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly slots: SlotsService,
    private readonly data: SchedulingData,
  ) {}

  async place(placement: Placement, write: (technicianId: string) => Promise<void>): Promise<string> {
    for (const technicianId of await this.candidates(placement)) {
      if (await this.tryTechnician(placement, technicianId, write)) return technicianId;
    }
    throw new SlotTakenError(await this.alternatives(placement));
  }

  private async candidates(placement: Placement): Promise<string[]> {
    const { context, start } = placement;
    const end = start + context.serviceType.durationMinutes * 60_000;
    const result = await this.slots.find(context, { start, end }, placement.now, placement.bookingId);
    const ids = result.slots.find((slot) => slot.start === start)?.technicianIds ?? [];
    if (ids.length === 0) return [];
    const zone = context.location.timeZone;
    const day = localDateRange(localDate(start, zone), localDate(start, zone), zone);
    const counts: { resource_id: string; bookings: number }[] = await this.tenancy.manager.query(
      `SELECT resource_id, count(*)::int AS bookings FROM booking
        WHERE resource_id = ANY($1) AND status IN ${ACTIVE} AND starts_at >= $2 AND starts_at < $3 AND ($4::uuid IS NULL OR id <> $4)
        GROUP BY resource_id`,
      [ids, new Date(day.start), new Date(day.end), placement.bookingId ?? null],
    );
    const homes = await this.data.technicians(ids);
    const ranked = rankTechnicians(
      homes.map((technician) => ({
        id: technician.id,
        home: technician.home,
        bookingsThatDay: counts.find((count) => count.resource_id === technician.id)?.bookings ?? 0,
      })),
      { lat: context.location.lat, lng: context.location.lng },
    );
    const preferred = placement.preferredTechnicianId;
    return preferred && ranked.includes(preferred) ? [preferred, ...ranked.filter((id) => id !== preferred)] : ranked;
  }

  private async tryTechnician(placement: Placement, technicianId: string, write: (technicianId: string) => Promise<void>): Promise<boolean> {
    const manager = this.tenancy.manager;
    await manager.query(`SAVEPOINT place_booking`);
    try {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${this.tenancy.environmentId}:technician:${technicianId}`]);
      if (!(await this.stillFree(placement, technicianId))) {
        await manager.query(`ROLLBACK TO SAVEPOINT place_booking`);
        return false;
      }
      await write(technicianId);
      await manager.query(`RELEASE SAVEPOINT place_booking`);
      return true;
    } catch (error) {
      await manager.query(`ROLLBACK TO SAVEPOINT place_booking`);
      if (isExclusionViolation(error, 'booking_no_overlap')) return false;
      throw error;
    }
  }

  /** Re-reads this technician's calendar after taking their lock: sees every booking committed before. */
  private async stillFree(placement: Placement, technicianId: string): Promise<boolean> {
    const { context, start } = placement;
    const buffer = context.settings.travelBufferMinutes * 60_000;
    const end = start + context.serviceType.durationMinutes * 60_000;
    const [technician] = await this.data.technicians([technicianId]);
    if (!technician) return false;
    const withBusy = await this.data.fillBusy([technician], { start: start - buffer, end: end + buffer }, placement.bookingId);
    return isSlotAvailable(this.searchInput(placement, withBusy), start, technicianId);
  }

  private searchInput(placement: Placement, technicians: Parameters<typeof isSlotAvailable>[0]['technicians']) {
    const { context, start, now } = placement;
    const { settings, serviceType, location } = context;
    return {
      technicians,
      requiredSkills: serviceType.requiredSkills,
      location: { lat: location.lat, lng: location.lng, timeZone: location.timeZone },
      durationMinutes: serviceType.durationMinutes,
      travelBufferMinutes: settings.travelBufferMinutes,
      granularityMinutes: settings.granularityMinutes,
      travelRadiusKm: settings.travelRadiusKm,
      requested: { start, end: start + serviceType.durationMinutes * 60_000 },
      bookingWindow: bookingWindow(now, settings, location.timeZone),
    };
  }

  /** Fresh times from the wanted day on, for the 409. */
  private async alternatives(placement: Placement): Promise<SlotView[]> {
    const zone = placement.context.location.timeZone;
    const day = localDate(placement.start, zone);
    const range = localDateRange(day, addDays(day, 13), zone);
    const result = await this.slots.find(placement.context, range, placement.now, placement.bookingId);
    return result.slots.slice(0, ALTERNATIVES).map((slot) => this.slots.view(slot, zone));
  }
}
