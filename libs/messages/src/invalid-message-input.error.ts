/** Thrown when a message cannot be rendered from its input; `problems` lists every problem, one sentence each. */
export class InvalidMessageInputError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid message input: ${problems.join('; ')}`);
    this.name = 'InvalidMessageInputError';
    this.problems = problems;
  }
}
