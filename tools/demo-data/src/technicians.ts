import { DemoServiceType, DemoSkill, DemoTechnician, DemoTimeOff, DemoWorkHours } from './demo-data.types';
import { ZoneClock } from './local-time';
import { FIRST_NAMES, LAST_NAMES } from './names';
import { Emails, Places } from './places';
import { Random } from './random';

const H = 60;
const WEEKDAYS = [1, 2, 3, 4, 5];

/** Weekly patterns, in the technician's zone: mostly day shifts, some early or late, some split. */
const SHIFTS: (readonly [[number, number][], number])[] = [
  [[[8 * H, 16 * H + 30]], 30],
  [[[7 * H, 15 * H + 30]], 15],
  [[[9 * H, 17 * H + 30]], 15],
  [[[6 * H, 14 * H + 30]], 8],
  [[[10 * H, 18 * H + 30]], 8],
  // Split shifts: a long break in the middle of the day.
  [[[7 * H, 11 * H + 30], [12 * H + 30, 17 * H]], 8],
  [[[8 * H, 12 * H], [14 * H, 18 * H]], 6],
];

const SATURDAYS: [number, number][] = [
  [8 * H, 13 * H],
  [9 * H, 14 * H],
  [8 * H, 12 * H],
];

const PROFICIENCY: (readonly [number, number])[] = [
  [1, 10],
  [2, 25],
  [3, 35],
  [4, 20],
  [5, 10],
];

/** Chance that a technician has any one skill. */
const SKILL_CHANCE = 0.45;

function weeklyHours(random: Random): DemoWorkHours[] {
  const shift = random.weighted(SHIFTS);
  // One in ten works Tuesday to Saturday; a quarter of the rest add a Saturday morning.
  const tuesdayToSaturday = random.chance(0.1);
  const days = tuesdayToSaturday ? [2, 3, 4, 5] : WEEKDAYS;
  const hours: DemoWorkHours[] = days.flatMap((weekday) => shift.map(([startMinute, endMinute]) => ({ weekday, startMinute, endMinute })));
  if (tuesdayToSaturday) hours.push(...shift.map(([startMinute, endMinute]) => ({ weekday: 6, startMinute, endMinute })));
  else if (random.chance(0.25)) {
    const [startMinute, endMinute] = random.pick(SATURDAYS);
    hours.push({ weekday: 6, startMinute, endMinute });
  }
  return hours;
}

export function qualifies(technician: Pick<DemoTechnician, 'skills'>, serviceType: Pick<DemoServiceType, 'requiredSkills'>): boolean {
  return serviceType.requiredSkills.every((required) =>
    technician.skills.some((skill) => skill.skillId === required.skillId && skill.proficiency >= required.minProficiency),
  );
}

function raiseTo(technician: DemoTechnician, serviceType: DemoServiceType): void {
  for (const required of serviceType.requiredSkills) {
    const held = technician.skills.find((skill) => skill.skillId === required.skillId);
    if (!held) technician.skills.push({ skillId: required.skillId, proficiency: required.minProficiency });
    else held.proficiency = Math.max(held.proficiency, required.minProficiency);
  }
}

/**
 * Technicians living across the metro area. Skills are drawn at random, then topped up so that
 * every service type has at least one qualified technician and every technician can do at least
 * one service type.
 */
export function generateTechnicians(
  random: Random,
  places: Places,
  count: number,
  skills: DemoSkill[],
  serviceTypes: DemoServiceType[],
): DemoTechnician[] {
  const ids = random.fork();
  const emails = new Emails(random.fork());
  const technicians: DemoTechnician[] = [];
  for (let i = 0; i < count; i += 1) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const town = places.town();
    const home = places.point(town);
    technicians.push({
      id: ids.uuid(),
      name: `${first} ${last}`,
      email: emails.take(`${first}.${last}`, 'crew.example.net'),
      phone: places.phone(town),
      homeLat: home.lat,
      homeLng: home.lng,
      timeZone: places.metro.timeZone,
      skills: skills.filter(() => random.chance(SKILL_CHANCE)).map((skill) => ({ skillId: skill.id, proficiency: random.weighted(PROFICIENCY) })),
      hours: weeklyHours(random),
    });
  }
  serviceTypes.forEach((serviceType, index) => raiseTo(technicians[index % count] as DemoTechnician, serviceType));
  for (const technician of technicians) {
    if (!serviceTypes.some((serviceType) => qualifies(technician, serviceType))) raiseTo(technician, random.pick(serviceTypes));
    technician.skills.sort((a, b) => (a.skillId < b.skillId ? -1 : 1));
  }
  return technicians;
}

const TIME_OFF_REASONS = ['Vacation', 'Training', 'Medical appointment', 'Family matter'] as const;

/**
 * About one technician in eight takes a working day (or its afternoon) off during the period.
 * Returned per technician as local [startMinute, endMinute) of one day, plus the stored rows.
 */
export function generateTimeOff(
  random: Random,
  technicians: DemoTechnician[],
  firstDay: number,
  days: number,
  clocks: (timeZone: string) => ZoneClock,
): { rows: DemoTimeOff[]; byTechnician: Map<string, { day: number; startMinute: number; endMinute: number }> } {
  const ids = random.fork();
  const rows: DemoTimeOff[] = [];
  const byTechnician = new Map<string, { day: number; startMinute: number; endMinute: number }>();
  for (const technician of technicians) {
    if (!random.chance(0.125)) continue;
    const day = firstDay + random.int(0, days - 1);
    const startMinute = random.chance(0.7) ? 0 : 12 * H;
    const clock = clocks(technician.timeZone);
    const startsAt = clock.toInstant(day, startMinute);
    const endsAt = clock.toInstant(day + 1, 0);
    if (startsAt === null || endsAt === null) continue;
    rows.push({ id: ids.uuid(), technicianId: technician.id, startsAt, endsAt, reason: random.pick(TIME_OFF_REASONS) });
    byTechnician.set(technician.id, { day, startMinute, endMinute: 24 * H });
  }
  return { rows, byTechnician };
}
