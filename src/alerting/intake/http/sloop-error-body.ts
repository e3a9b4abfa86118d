/** sloop's one JSON error body (as in src/server), for the Alertmanager and webhook routes. */
import type { ErrorCode, FieldProblem } from '../../../errors/index.js';

export interface IntakeErrorBody {
  error: { code: ErrorCode | 'INTERNAL'; message: string; problems?: FieldProblem[] };
}

export function sloopErrorBody(code: ErrorCode | 'INTERNAL', message: string, problems?: FieldProblem[]): IntakeErrorBody {
  return { error: { code, message, ...(problems && problems.length > 0 ? { problems } : {}) } };
}
