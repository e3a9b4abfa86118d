/**
 * The ONE place where errors become HTTP responses. Typed sloop errors map to statuses;
 * Fastify's own client errors (bad JSON, body too large, wrong content type) are translated
 * into the same body shape; anything else is a 500 whose body names only the request id,
 * so a stack trace or a SQL statement never reaches a client.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { SloopError, InputError, type ErrorCode, type FieldProblem } from '../errors/index.js';

export interface ErrorBody {
  error: { code: ErrorCode | 'INTERNAL'; message: string; problems?: FieldProblem[] };
}

const statusByCode: Record<ErrorCode, number> = {
  INPUT: 400,
  CONFIG: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NOT_ALLOWED: 403,
  AUTHENTICATION: 401,
  PAYLOAD_TOO_LARGE: 413,
  UNAVAILABLE: 503,
};

export function httpStatusFor(code: ErrorCode): number {
  return statusByCode[code];
}

/** Translates Fastify's own 4xx errors (raised before a handler runs) into sloop's codes. */
function fromFastifyError(err: FastifyError): { status: number; body: ErrorBody } | null {
  const status = err.statusCode ?? 500;
  if (status >= 500 || !err.code?.startsWith('FST_')) return null;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'request body is larger than the server accepts; split it into smaller batches' } },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: { error: { code: 'INPUT', message: 'unsupported Content-Type; send application/json (or application/x-protobuf for /api/v1/write)' } },
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { error: { code: 'INPUT', message: 'request body is empty; send a JSON object' } } };
    default:
      // Invalid JSON and friends: Fastify's message is about the body, never about internals.
      return { status, body: { error: { code: 'INPUT', message: `invalid request: ${err.message}` } } };
  }
}

export function errorResponse(err: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (err instanceof SloopError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err instanceof InputError && err.problems.length > 0) body.error.problems = err.problems;
    return { status: httpStatusFor(err.code), body };
  }
  if (err instanceof Error && 'code' in err && typeof (err as FastifyError).code === 'string') {
    const mapped = fromFastifyError(err as FastifyError);
    if (mapped) return mapped;
  }
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: `internal server error; the server log has the details under request id ${requestId}` } },
  };
}

export function sloopErrorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = errorResponse(err, request.id);
  if (status >= 500) request.log.error({ err }, 'request failed');
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="sloop"');
  void reply.code(status).send(body);
}
