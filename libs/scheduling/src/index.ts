export * from './schedule.types';
export { InvalidScheduleInputError } from './invalid-schedule-input.error';
export { searchSlots, isSlotAvailable } from './slot-search';
export { rankTechnicians, type RankingCandidate } from './technician-ranking';
export { distanceKm } from './geo';
export { localDateTimeToInstant, instantToLocal, isValidTimeZone, localClockFor } from './time-zone';
export { validateWeeklyHours, type WeeklyHoursProblem } from './weekly-hours-validation';
export { technicianWorkingIntervals, technicianFreeIntervals } from './technician-availability';
