/**
 * What every intake route plugin does to its own (encapsulated) Fastify scope:
 * - bodies arrive as the raw string, whatever the Content-Type: HMAC signatures are computed
 *   over the exact bytes, and senders label JSON inconsistently (text/plain, none at all);
 * - Fastify's own request errors (body too large, unreadable body) get this integration's
 *   error body instead of Fastify's default, so a PagerDuty sender sees PagerDuty's shape.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorCode } from '../../../errors/index.js';

export const DEFAULT_INTAKE_BODY_LIMIT_BYTES = 1024 * 1024;

export type ErrorBodyFormatter = (status: number, code: ErrorCode | 'INTERNAL', message: string) => unknown;

export function prepareIntakeScope(app: FastifyInstance, bodyLimitBytes: number, formatError: ErrorBodyFormatter): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: bodyLimitBytes }, (_request, body, done) => done(null, body));
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(formatError(413, 'PAYLOAD_TOO_LARGE', `request body is larger than ${bodyLimitBytes} bytes; send fewer alerts per request (Alertmanager: set max_alerts on the webhook receiver)`));
    }
    const status = err.statusCode ?? 500;
    if (status < 500 && err.code?.startsWith('FST_')) {
      return reply.code(status).send(formatError(status, 'INPUT', `invalid request: ${err.message}`));
    }
    request.log.error({ err }, 'alert intake request failed');
    return reply.code(500).send(formatError(500, 'INTERNAL', `internal server error; the server log has the details under request id ${request.id}`));
  });
}

/** The raw body as text ('' when there is none). */
export function rawBodyOf(body: unknown): string {
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return '';
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJson(text: string): JsonParse {
  if (text.trim() === '') return { ok: false, message: 'request body is empty; send a JSON object' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err: unknown) {
    return { ok: false, message: `request body is not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
}
