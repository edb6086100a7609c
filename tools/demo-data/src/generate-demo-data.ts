import { generateBookings } from './bookings';
import { SERVICE_TYPES, SKILL_NAMES } from './catalog';
import { CHICAGO } from './chicago';
import { generateCustomers } from './customers';
import { DemoData, DemoDataOptions, DemoServiceType, DemoSkill } from './demo-data.types';
import { ZoneClock, parseDate } from './local-time';
import { Places } from './places';
import { Random } from './random';
import { generateTechnicians, generateTimeOff } from './technicians';

export const DEMO_DEFAULTS = { seed: 1, technicians: 12, accounts: 40, days: 14, utilization: 0.4 } as const;

function checkOptions(options: DemoDataOptions): Required<Omit<DemoDataOptions, 'now' | 'metro'>> & { firstDay: number } {
  const resolved = { ...DEMO_DEFAULTS, ...options };
  const problems: string[] = [];
  const firstDay = parseDate(options.startDate);
  if (firstDay === null) problems.push(`startDate must be a date YYYY-MM-DD (got '${options.startDate}')`);
  if (!Number.isInteger(resolved.seed)) problems.push('seed must be an integer');
  if (!Number.isInteger(resolved.technicians) || resolved.technicians < 1) problems.push('technicians must be a whole number of at least 1');
  if (!Number.isInteger(resolved.accounts) || resolved.accounts < 1) problems.push('accounts must be a whole number of at least 1');
  if (!Number.isInteger(resolved.days) || resolved.days < 1 || resolved.days > 366) problems.push('days must be a whole number from 1 to 366');
  if (!(resolved.utilization >= 0 && resolved.utilization <= 0.95)) problems.push('utilization must be between 0 and 0.95');
  if (options.now !== undefined && !Number.isFinite(options.now)) problems.push('now must be an instant in epoch milliseconds');
  if (problems.length > 0) throw new Error(`Invalid demo data options: ${problems.join('; ')}`);
  return { ...resolved, firstDay: firstDay as number };
}

/**
 * A realistic heating-and-cooling company in one metro area: skills, service types, technicians
 * with weekly hours and a little time off, customer accounts with contacts, sites and equipment,
 * and the bookings already on the calendar. Pure and deterministic: the same options always give
 * the same data.
 */
export function generateDemoData(options: DemoDataOptions): DemoData {
  const { seed, technicians: technicianCount, accounts: accountCount, days, utilization, firstDay } = checkOptions(options);
  const metro = options.metro ?? CHICAGO;
  const clocks = new Map<string, ZoneClock>();
  const clockFor = (timeZone: string): ZoneClock => {
    let clock = clocks.get(timeZone);
    if (!clock) {
      clock = new ZoneClock(timeZone);
      clocks.set(timeZone, clock);
    }
    return clock;
  };
  // Fails early, with a clear message, on a zone this runtime does not know.
  clockFor(metro.timeZone);

  // Each kind of data draws from its own stream, so changing how many of one kind are made does not
  // reshuffle the others.
  const root = new Random(seed);
  const catalogRandom = root.fork();
  const technicianRandom = root.fork();
  const customerRandom = root.fork();
  const timeOffRandom = root.fork();
  const bookingRandom = root.fork();

  const skills: DemoSkill[] = SKILL_NAMES.map((name) => ({ id: catalogRandom.uuid(), name }));
  const skillId = new Map(skills.map((skill) => [skill.name, skill.id]));
  const demand = new Map<string, number>();
  const serviceTypes: DemoServiceType[] = SERVICE_TYPES.map((template) => {
    const id = catalogRandom.uuid();
    demand.set(id, template.demand);
    return {
      id,
      name: template.names.en,
      description: template.description,
      durationMinutes: template.durationMinutes,
      portalEnabled: template.portalEnabled,
      displayNames: { ...template.names },
      requiredSkills: template.requires.map(([name, minProficiency]) => ({ skillId: skillId.get(name) as string, minProficiency })),
    };
  });

  const technicians = generateTechnicians(technicianRandom, new Places(technicianRandom.fork(), metro), technicianCount, skills, serviceTypes);
  const customers = generateCustomers(customerRandom, new Places(customerRandom.fork(), metro), accountCount);
  const timeOff = generateTimeOff(timeOffRandom, technicians, firstDay, days, clockFor);
  const bookings = generateBookings(bookingRandom, {
    technicians,
    serviceTypes,
    customers,
    firstDay,
    days,
    utilization,
    clocks: clockFor,
    dayOff: timeOff.byTechnician,
    demand,
    now: options.now,
  });

  return {
    metro: metro.name,
    timeZone: metro.timeZone,
    startDate: options.startDate,
    days,
    skills,
    serviceTypes,
    technicians,
    timeOff: timeOff.rows,
    ...customers,
    bookings,
  };
}
