import { type TechnicianInput, type WorkInterval, technicianWorkingIntervals, validateWeeklyHours } from '@fieldbook/scheduling';
import { CHICAGO } from './chicago';
import { DemoData, DemoDataOptions, DemoTechnician } from './demo-data.types';
import { generateDemoData } from './generate-demo-data';

// 2026-03-08 is the day Chicago moves its clocks forward; the period spans it.
const OPTIONS: DemoDataOptions = { seed: 7, technicians: 30, accounts: 60, startDate: '2026-03-02', days: 21, utilization: 0.5 };
const PHONE = /^\+[1-9][0-9]{6,14}$/;
const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function asEngineInput(technician: DemoTechnician): TechnicianInput {
  return {
    id: technician.id,
    active: true,
    skills: technician.skills,
    home: { lat: technician.homeLat, lng: technician.homeLng },
    timeZone: technician.timeZone,
    weeklyHours: technician.hours.map((h) => ({ weekday: h.weekday as WorkInterval['weekday'], start: clock(h.startMinute), end: clock(h.endMinute) })),
    timeOff: [],
    busy: [],
  };
}

const localClock = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });

function byTechnician<T extends { technicianId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(row.technicianId, [...(map.get(row.technicianId) ?? []), row]);
  return map;
}

function qualified(data: DemoData, technician: DemoTechnician, serviceTypeId: string): boolean {
  const serviceType = data.serviceTypes.find((candidate) => candidate.id === serviceTypeId);
  return Boolean(serviceType?.requiredSkills.every((r) => technician.skills.some((s) => s.skillId === r.skillId && s.proficiency >= r.minProficiency)));
}

describe('generateDemoData', () => {
  const data = generateDemoData(OPTIONS);
  const window = { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 2, 25) };

  it('gives the same data for the same options, and other data for another seed', () => {
    expect(JSON.stringify(generateDemoData(OPTIONS))).toBe(JSON.stringify(data));
    const other = generateDemoData({ ...OPTIONS, seed: 8 });
    expect(other.technicians[0]?.id).not.toBe(data.technicians[0]?.id);
    expect(other.bookings.length).not.toBe(0);
  });

  it('makes the requested numbers of technicians and accounts, 8 skills and 10 service types', () => {
    expect(data.technicians).toHaveLength(30);
    expect(data.accounts).toHaveLength(60);
    expect(data.skills).toHaveLength(8);
    expect(new Set(data.skills.map((skill) => skill.name)).size).toBe(8);
    expect(data.serviceTypes).toHaveLength(10);
  });

  it('gives each account 1–3 contacts, 0–2 functional locations and 1–4 assets of its own', () => {
    for (const account of data.accounts) {
      const contacts = data.contacts.filter((contact) => contact.accountId === account.id);
      const sites = data.functionalLocations.filter((site) => site.accountId === account.id);
      const assets = data.assets.filter((asset) => asset.accountId === account.id);
      expect(contacts.length).toBeGreaterThanOrEqual(1);
      expect(contacts.length).toBeLessThanOrEqual(3);
      expect(sites.length).toBeLessThanOrEqual(2);
      expect(assets.length).toBeGreaterThanOrEqual(1);
      expect(assets.length).toBeLessThanOrEqual(4);
      for (const asset of assets) {
        if (asset.functionalLocationId) expect(sites.map((site) => site.id)).toContain(asset.functionalLocationId);
      }
    }
    expect(data.contacts.length + data.functionalLocations.length + data.assets.length).toBe(
      new Set([...data.contacts, ...data.functionalLocations, ...data.assets].map((row) => row.id)).size,
    );
  });

  it('describes service types of 30–240 minutes, named in four languages, most bookable in the portal', () => {
    for (const serviceType of data.serviceTypes) {
      expect(serviceType.durationMinutes).toBeGreaterThanOrEqual(30);
      expect(serviceType.durationMinutes).toBeLessThanOrEqual(240);
      expect(Object.keys(serviceType.displayNames).sort()).toEqual(['de', 'en', 'es', 'fr']);
      expect(Object.values(serviceType.displayNames).every((name) => name.length > 0)).toBe(true);
      expect(serviceType.requiredSkills.length).toBeGreaterThan(0);
      for (const required of serviceType.requiredSkills) {
        expect(data.skills.map((skill) => skill.id)).toContain(required.skillId);
        expect(required.minProficiency).toBeGreaterThanOrEqual(1);
        expect(required.minProficiency).toBeLessThanOrEqual(5);
      }
    }
    expect(data.serviceTypes.filter((serviceType) => serviceType.portalEnabled).length).toBeGreaterThanOrEqual(7);
    expect(data.serviceTypes.some((serviceType) => !serviceType.portalEnabled)).toBe(true);
  });

  it('has a qualified technician for every service type, even with a team of one', () => {
    for (const team of [data, generateDemoData({ ...OPTIONS, technicians: 1, days: 3 })]) {
      for (const serviceType of team.serviceTypes) {
        expect(team.technicians.some((technician) => qualified(team, technician, serviceType.id))).toBe(true);
      }
    }
  });

  it('gives technicians proficiencies 1–5, valid weekly hours Monday to Saturday, some split shifts and some Saturdays', () => {
    for (const technician of data.technicians) {
      expect(technician.skills.every((skill) => skill.proficiency >= 1 && skill.proficiency <= 5)).toBe(true);
      expect(new Set(technician.skills.map((skill) => skill.skillId)).size).toBe(technician.skills.length);
      expect(validateWeeklyHours(asEngineInput(technician).weeklyHours)).toEqual([]);
      expect(technician.hours.every((h) => h.weekday >= 1 && h.weekday <= 6)).toBe(true);
      expect(technician.timeZone).toBe('America/Chicago');
    }
    const split = data.technicians.filter((t) => t.hours.filter((h) => h.weekday === 3).length === 2);
    const saturday = data.technicians.filter((t) => t.hours.some((h) => h.weekday === 6));
    expect(split.length).toBeGreaterThan(0);
    expect(saturday.length).toBeGreaterThan(0);
    expect(saturday.length).toBeLessThan(data.technicians.length);
  });

  it('never books a technician twice at once', () => {
    for (const bookings of byTechnician(data.bookings).values()) {
      const sorted = [...bookings].sort((a, b) => a.startsAt - b.startsAt);
      for (let i = 1; i < sorted.length; i += 1) expect(sorted[i]!.startsAt).toBeGreaterThanOrEqual(sorted[i - 1]!.endsAt);
    }
  });

  it('books only inside working hours (as the scheduling engine lays them out), on the full local hour, never in time off', () => {
    const bookings = byTechnician(data.bookings);
    const timeOff = byTechnician(data.timeOff);
    for (const technician of data.technicians) {
      const working = technicianWorkingIntervals(asEngineInput(technician), window);
      for (const booking of bookings.get(technician.id) ?? []) {
        expect(working.some((interval) => interval.start <= booking.startsAt && booking.endsAt <= interval.end)).toBe(true);
        expect(localClock.format(booking.startsAt)).toMatch(/^\d{2}:00$/);
        for (const off of timeOff.get(technician.id) ?? []) expect(booking.endsAt <= off.startsAt || booking.startsAt >= off.endsAt).toBe(true);
      }
    }
    const dstDay = data.bookings.filter((b) => b.startsAt >= Date.UTC(2026, 2, 9, 5) && b.startsAt < Date.UTC(2026, 2, 10, 5));
    expect(dstDay.length).toBeGreaterThan(0);
  });

  it('books technicians only for service types they are qualified for, with the customer’s own contact and asset', () => {
    const technicians = new Map(data.technicians.map((t) => [t.id, t]));
    const contacts = new Map(data.contacts.map((c) => [c.id, c]));
    const assets = new Map(data.assets.map((a) => [a.id, a]));
    for (const booking of data.bookings) {
      expect(qualified(data, technicians.get(booking.technicianId)!, booking.serviceTypeId)).toBe(true);
      expect(contacts.get(booking.contactId)?.accountId).toBe(booking.accountId);
      if (booking.assetId) {
        expect(assets.get(booking.assetId)?.accountId).toBe(booking.accountId);
        expect(booking.functionalLocationId).toBe(assets.get(booking.assetId)?.functionalLocationId);
      }
      const duration = data.serviceTypes.find((t) => t.id === booking.serviceTypeId)!.durationMinutes;
      expect(booking.endsAt - booking.startsAt).toBe(duration * 60_000);
    }
  });

  it('books about the requested share of working time', () => {
    const booked = data.bookings.reduce((sum, b) => sum + (b.endsAt - b.startsAt), 0);
    const timeOff = data.timeOff.reduce((sum, off) => sum + (off.endsAt - off.startsAt), 0);
    const firstDay = Date.parse('2026-03-02T06:00:00Z');
    const lastDay = Date.parse('2026-03-23T05:00:00Z');
    let working = 0;
    for (const technician of data.technicians) {
      const intervals = technicianWorkingIntervals(asEngineInput(technician), { start: firstDay, end: lastDay });
      working += intervals.reduce((sum, interval) => sum + (interval.end - interval.start), 0);
    }
    // Time off falls on working time only in part; leaving all of it in keeps the bound honest.
    const share = booked / working;
    expect(share).toBeGreaterThan(0.42);
    expect(share).toBeLessThan(0.55);
    expect(booked / (working - timeOff)).toBeLessThan(0.58);
    const light = generateDemoData({ ...OPTIONS, utilization: 0.1 });
    expect(light.bookings.length).toBeLessThan(data.bookings.length / 3);
    expect(generateDemoData({ ...OPTIONS, utilization: 0 }).bookings).toEqual([]);
  });

  it('writes contact details a database accepts and no real person receives', () => {
    const phones = [...data.technicians, ...data.contacts].map((row) => row.phone);
    for (const account of data.accounts) if (account.phone) phones.push(account.phone);
    expect(phones.every((phone) => PHONE.test(phone) && phone.slice(5, 10) === '55501')).toBe(true);
    const emails = [...data.contacts.map((c) => c.email), ...data.technicians.map((t) => t.email), ...data.accounts.flatMap((a) => (a.email ? [a.email] : []))];
    expect(emails.every((email) => /^[a-z0-9.]+@([a-z]+\.)?example\.(com|net|org)$/.test(email))).toBe(true);
    expect(new Set(data.contacts.map((c) => c.email.toLowerCase())).size).toBe(data.contacts.length);
    expect(data.contacts.every((c) => ['en', 'de', 'fr', 'es'].includes(c.language))).toBe(true);
  });

  it('places everyone on land in the metro area', () => {
    const places = [
      ...data.technicians.map((t) => ({ lat: t.homeLat, lng: t.homeLng })),
      ...data.accounts.map((a) => a.address),
      ...data.functionalLocations.map((l) => l.address),
    ];
    for (const place of places) {
      expect(place.lat).toBeGreaterThan(41.4);
      expect(place.lat).toBeLessThan(42.45);
      expect(place.lng).toBeGreaterThan(-88.5);
      // West of the lake shore at Chicago's latitudes.
      if (place.lat > 41.85 && place.lat < 41.9) expect(place.lng).toBeLessThan(-87.6);
    }
    for (const address of data.accounts.map((a) => a.address)) {
      expect(address).toMatchObject({ country: 'US', region: 'IL', timeZone: 'America/Chicago' });
      expect(CHICAGO.towns.map((town) => town.name)).toContain(address.city);
      expect(address.postalCode).toMatch(/^6\d{4}$/);
    }
  });

  it('gives every work order a unique reference in the stored format', () => {
    const references = data.bookings.map((b) => b.workOrderReference);
    expect(references.every((reference) => /^WO-[0-9A-Z]{8}$/.test(reference))).toBe(true);
    expect(new Set(references).size).toBe(references.length);
    expect(new Set(data.bookings.flatMap((b) => [b.id, b.workOrderId])).size).toBe(2 * data.bookings.length);
  });

  it('marks bookings that ended before `now` completed and the rest scheduled', () => {
    const now = Date.UTC(2026, 2, 12, 18);
    const withNow = generateDemoData({ ...OPTIONS, now });
    expect(withNow.bookings.filter((b) => b.status === 'completed').every((b) => b.endsAt <= now)).toBe(true);
    expect(withNow.bookings.filter((b) => b.status === 'scheduled').every((b) => b.endsAt > now)).toBe(true);
    expect(withNow.bookings.some((b) => b.status === 'completed')).toBe(true);
    expect(data.bookings.every((b) => b.status === 'scheduled')).toBe(true);
  });

  it('refuses options it cannot honour, saying which', () => {
    expect(() => generateDemoData({ ...OPTIONS, startDate: '2026-02-30' })).toThrow(/startDate must be a date YYYY-MM-DD/);
    expect(() => generateDemoData({ ...OPTIONS, technicians: 0 })).toThrow(/technicians must be a whole number of at least 1/);
    expect(() => generateDemoData({ ...OPTIONS, accounts: 2.5 })).toThrow(/accounts must be/);
    expect(() => generateDemoData({ ...OPTIONS, days: 0 })).toThrow(/days must be a whole number from 1 to 366/);
    expect(() => generateDemoData({ ...OPTIONS, utilization: 1.2 })).toThrow(/utilization must be between 0 and 0.95/);
    expect(() => generateDemoData({ ...OPTIONS, utilization: Number.NaN })).toThrow(/utilization/);
    expect(() => generateDemoData({ ...OPTIONS, now: Number.POSITIVE_INFINITY })).toThrow(/now must be an instant/);
    expect(() => generateDemoData({ ...OPTIONS, metro: { ...CHICAGO, timeZone: 'Mars/Olympus_Mons' } })).toThrow(/'Mars\/Olympus_Mons' is not a time zone/);
  });
});
