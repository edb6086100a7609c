import { InvalidScheduleInputError } from './invalid-schedule-input.error';
import { Interval, IntervalList, SlotSearchInput, TechnicianInput } from './schedule.types';
import { isValidTimeZone } from './time-zone';

function isFiniteInterval(interval: Interval | undefined): boolean {
  return !!interval && Number.isFinite(interval.start) && Number.isFinite(interval.end);
}

/**
 * Read once: this check runs for every busy interval of every technician on each search, and
 * inside a vm context (a test runner's sandbox) each lookup of a global in a loop is slow.
 */
const finite = Number.isFinite;

/** A plain loop: this runs over every busy interval of every technician on each search. */
function allFinite(intervals: IntervalList): boolean {
  if (intervals instanceof Float64Array) {
    for (let index = 0; index < intervals.length; index += 1) {
      if (!finite(intervals[index])) return false;
    }
    return true;
  }
  for (let index = 0; index < intervals.length; index += 1) {
    const interval = intervals[index];
    if (!interval || !finite(interval.start) || !finite(interval.end)) return false;
  }
  return true;
}

function isUnpaired(intervals: IntervalList): boolean {
  return intervals instanceof Float64Array && intervals.length % 2 !== 0;
}

function numberProblems(input: SlotSearchInput): string[] {
  const problems: string[] = [];
  const wholeMinutes: [string, number, number][] = [
    ['durationMinutes', input.durationMinutes, 1],
    ['granularityMinutes', input.granularityMinutes, 1],
    ['travelBufferMinutes', input.travelBufferMinutes, 0],
  ];
  for (const [name, value, least] of wholeMinutes) {
    if (!Number.isInteger(value) || value < least) {
      problems.push(`${name} must be a whole number of at least ${least}, not ${value}`);
    }
  }
  if (!Number.isFinite(input.travelRadiusKm) || input.travelRadiusKm < 0) {
    problems.push(`travelRadiusKm must be 0 or more, not ${input.travelRadiusKm}`);
  }
  for (const name of ['requested', 'bookingWindow'] as const) {
    if (!isFiniteInterval(input[name])) problems.push(`${name} must have a finite start and end`);
  }
  return problems;
}

function technicianProblems(technicians: readonly TechnicianInput[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const validZones = new Set<string>();
  for (const technician of technicians) {
    if (seen.has(technician.id)) problems.push(`technician '${technician.id}' is listed twice`);
    seen.add(technician.id);
    if (!validZones.has(technician.timeZone)) {
      if (isValidTimeZone(technician.timeZone)) validZones.add(technician.timeZone);
      else problems.push(`technician '${technician.id}' has '${technician.timeZone}', not a valid IANA time zone`);
    }
    if (!allFinite(technician.busy) || !allFinite(technician.timeOff)) {
      problems.push(`technician '${technician.id}' has a busy or time-off interval that is not finite`);
    }
    if (isUnpaired(technician.busy) || isUnpaired(technician.timeOff)) {
      problems.push(`technician '${technician.id}' has packed busy or time-off intervals with a start but no end`);
    }
  }
  return problems;
}

/**
 * Throws InvalidScheduleInputError listing every parameter that makes a search meaningless.
 * `technicians` narrows which technicians are checked, for a question about one of them.
 */
export function assertSearchInput(
  input: SlotSearchInput,
  technicians: readonly TechnicianInput[] = input.technicians,
): void {
  const problems = numberProblems(input);
  if (!isValidTimeZone(input.location.timeZone)) {
    problems.push(`the service location's '${input.location.timeZone}' is not a valid IANA time zone`);
  }
  problems.push(...technicianProblems(technicians));
  if (problems.length > 0) throw new InvalidScheduleInputError(problems);
}
