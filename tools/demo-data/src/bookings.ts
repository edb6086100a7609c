import { Customers } from './customers';
import { DemoAccount, DemoAsset, DemoBooking, DemoServiceType, DemoTechnician } from './demo-data.types';
import { MINUTE_MS, ZoneClock, isoWeekday } from './local-time';
import { Random } from './random';
import { qualifies } from './technicians';

/** Bookings start on the full hour, local time. */
const GRID_MINUTES = 60;
/** Customers are drawn from the technician's own part of the metro: cells of about 15 km. */
const CELL_DEGREES = 0.15;
const REFERENCE_LETTERS = [...'0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'];

export interface BookingPlan {
  technicians: DemoTechnician[];
  serviceTypes: DemoServiceType[];
  customers: Customers;
  firstDay: number;
  days: number;
  utilization: number;
  clocks: (timeZone: string) => ZoneClock;
  dayOff: Map<string, { day: number; startMinute: number; endMinute: number }>;
  /** Relative demand per service type id: how often customers ask for it. */
  demand: ReadonlyMap<string, number>;
  now?: number;
}

/** Free local minutes [start, end) of one work stretch; `at` is the instant of minute `origin`. */
interface Segment {
  start: number;
  end: number;
  origin: number;
  at: number;
}

interface AccountSite {
  account: DemoAccount;
  contactIds: string[];
  assets: DemoAsset[];
  siteIds: string[];
}

function cellOf(lat: number, lng: number): string {
  return `${Math.floor(lat / CELL_DEGREES)}:${Math.floor(lng / CELL_DEGREES)}`;
}

function indexCustomers(customers: Customers): { all: AccountSite[]; byCell: Map<string, AccountSite[]> } {
  const byId = new Map<string, AccountSite>();
  for (const account of customers.accounts) byId.set(account.id, { account, contactIds: [], assets: [], siteIds: [] });
  for (const contact of customers.contacts) byId.get(contact.accountId)?.contactIds.push(contact.id);
  for (const asset of customers.assets) byId.get(asset.accountId)?.assets.push(asset);
  for (const site of customers.functionalLocations) byId.get(site.accountId)?.siteIds.push(site.id);
  const all = [...byId.values()];
  const byCell = new Map<string, AccountSite[]>();
  for (const entry of all) {
    const key = cellOf(entry.account.address.lat, entry.account.address.lng);
    const list = byCell.get(key);
    if (list) list.push(entry);
    else byCell.set(key, [entry]);
  }
  return { all, byCell };
}

function nearbyAccounts(technician: DemoTechnician, index: ReturnType<typeof indexCustomers>): AccountSite[] {
  const row = Math.floor(technician.homeLat / CELL_DEGREES);
  const column = Math.floor(technician.homeLng / CELL_DEGREES);
  const nearby: AccountSite[] = [];
  for (let r = row - 1; r <= row + 1; r += 1) {
    for (let c = column - 1; c <= column + 1; c += 1) nearby.push(...(index.byCell.get(`${r}:${c}`) ?? []));
  }
  return nearby.length > 0 ? nearby : index.all;
}

/** The day's working stretches as free segments, less any time off that day. */
function workSegments(technician: DemoTechnician, day: number, clock: ZoneClock, off: BookingPlan['dayOff']): Segment[] {
  const weekday = isoWeekday(day);
  const dayOff = off.get(technician.id);
  const segments: Segment[] = [];
  for (const hours of technician.hours) {
    if (hours.weekday !== weekday) continue;
    const end = dayOff && dayOff.day === day ? Math.min(hours.endMinute, dayOff.startMinute) : hours.endMinute;
    if (end - hours.startMinute < GRID_MINUTES) continue;
    const even = clock.evenStretch(day, hours.startMinute, end);
    if (even) segments.push({ start: hours.startMinute, end, origin: hours.startMinute, at: even.start });
  }
  return segments;
}

/**
 * Existing work: for each technician and day, bookings of service types the technician is
 * qualified for, on the hour, inside one working stretch, never overlapping, until about the
 * requested share of that day's working time is booked (each day varies by ±25%).
 */
export function generateBookings(random: Random, plan: BookingPlan): DemoBooking[] {
  const ids = random.fork();
  const index = indexCustomers(plan.customers);
  const bookings: DemoBooking[] = [];
  for (const technician of plan.technicians) {
    const types = plan.serviceTypes.filter((serviceType) => qualifies(technician, serviceType));
    const nearby = nearbyAccounts(technician, index);
    const clock = plan.clocks(technician.timeZone);
    for (let day = plan.firstDay; day < plan.firstDay + plan.days; day += 1) {
      const segments = workSegments(technician, day, clock, plan.dayOff);
      const working = segments.reduce((sum, segment) => sum + segment.end - segment.start, 0);
      const target = Math.min(working, plan.utilization * working * random.real(0.75, 1.25));
      let booked = 0;
      for (let attempt = 0; attempt < 8 && target - booked >= 15; ) {
        const fitting = types.filter((serviceType) => serviceType.durationMinutes <= target - booked + 20);
        if (fitting.length === 0) break;
        const serviceType = random.weighted(fitting.map((candidate) => [candidate, plan.demand.get(candidate.id) ?? 1] as const));
        const duration = serviceType.durationMinutes;
        const starts: [Segment, number][] = [];
        for (const segment of segments) {
          for (let minute = Math.ceil(segment.start / GRID_MINUTES) * GRID_MINUTES; minute + duration <= segment.end; minute += GRID_MINUTES) {
            starts.push([segment, minute]);
          }
        }
        if (starts.length === 0) {
          attempt += 1;
          continue;
        }
        const [segment, minute] = random.pick(starts);
        segments.splice(segments.indexOf(segment), 1, { ...segment, end: minute }, { ...segment, start: minute + duration });
        booked += duration;
        const startsAt = segment.at + (minute - segment.origin) * MINUTE_MS;
        bookings.push(
          bookingFor(random, ids, bookings.length, {
            technician,
            serviceType,
            site: random.pick(nearby),
            startsAt,
            endsAt: startsAt + duration * MINUTE_MS,
            now: plan.now,
          }),
        );
      }
    }
  }
  return bookings;
}

function bookingFor(
  random: Random,
  ids: Random,
  ordinal: number,
  job: { technician: DemoTechnician; serviceType: DemoServiceType; site: AccountSite; startsAt: number; endsAt: number; now?: number },
): DemoBooking {
  const { site, serviceType } = job;
  const asset = site.assets.length > 0 && random.chance(0.85) ? random.pick(site.assets) : null;
  const functionalLocationId = asset ? asset.functionalLocationId : site.siteIds.length > 0 && random.chance(0.3) ? random.pick(site.siteIds) : null;
  const prefix = `${random.pick(REFERENCE_LETTERS)}${random.pick(REFERENCE_LETTERS)}`;
  return {
    id: ids.uuid(),
    workOrderId: ids.uuid(),
    // The ordinal makes every reference unique; the prefix keeps them from looking sequential.
    workOrderReference: `WO-${prefix}${ordinal.toString(36).toUpperCase().padStart(6, '0')}`,
    technicianId: job.technician.id,
    accountId: site.account.id,
    contactId: random.pick(site.contactIds),
    serviceTypeId: serviceType.id,
    assetId: asset?.id ?? null,
    functionalLocationId,
    startsAt: job.startsAt,
    endsAt: job.endsAt,
    status: job.now !== undefined && job.endsAt <= job.now ? 'completed' : 'scheduled',
    source: serviceType.portalEnabled && random.chance(0.45) ? 'portal' : 'office',
  };
}
