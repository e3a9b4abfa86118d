/**
 * Documented exit codes (also in README "Exit codes"). Scripts and CI steps rely on them.
 */
export const ExitCode = {
  /** Success. */
  OK: 0,
  /** The command ran and found problems: invalid config, bad data rows, failed checks. */
  PROBLEMS: 1,
  /** Usage error: unknown flag, missing argument, unreadable file. */
  USAGE: 2,
  /** Deploy gate: changes are frozen because the error budget is exhausted. */
  FROZEN: 3,
  /** The sloop server could not be reached or answered with a server error. */
  UNAVAILABLE: 4,
  /** Authentication or permission refused by the server. */
  NOT_ALLOWED: 5,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
