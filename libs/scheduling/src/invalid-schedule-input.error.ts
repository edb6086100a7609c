/** Thrown when scheduling input breaks a rule; `problems` lists every rule broken, one sentence each. */
export class InvalidScheduleInputError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid scheduling input: ${problems.join('; ')}`);
    this.name = 'InvalidScheduleInputError';
    this.problems = problems;
  }
}
