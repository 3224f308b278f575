// Exit codes a CI step can branch on (README "CLI"). Every non-zero exit prints its reason on stderr.
export const EXIT = {
  ok: 0,
  /** The input is invalid, or the deploy/rollout failed. */
  failed: 1,
  /** Bad arguments, or no server configured. */
  usage: 2,
  /** The server refused: not signed in, not allowed, not found, conflict, the plan blocked it, approval rejected. */
  refused: 3,
  /** --wait gave up before the rollout was Ready (or before approval). */
  timeout: 4,
  /** The server could not be reached or answered something unusable. */
  unavailable: 5,
  /** The deploy waits for someone's approval (protected target) and nothing was applied yet. */
  pending: 6,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error whose message is for the user and whose code is the process's exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.failed,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.usage);
