/**
 * Public subscription endpoints. `POST /status/subscriptions` takes JSON or the status
 * page's plain HTML form; form posts get HTML answers (with field errors listed), JSON gets
 * JSON. Writes are size-limited (4 KiB) and rate-limited per client address, because anyone
 * can call them. Confirm and unsubscribe are links from email, answered with small HTML pages.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InputError, SloopError } from '../../errors/index.js';
import { contentSecurityPolicy, messagePage } from '../../statuspage/service/index.js';
import type { ServerDeps } from '../deps.js';
import { httpStatusFor } from '../http-errors.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import { setPublicHeaders, statusPageOf } from './status-page.js';

export const SUBSCRIBE_BODY_LIMIT = 4096;
/** Per client address per minute. */
export const SUBSCRIBE_RATE_LIMIT = 10;

/** A fixed one-minute window per client address; enough to stop a script filling the table. */
export class FixedWindowLimiter {
  #window = -1;
  #counts = new Map<string, number>();
  constructor(private readonly limit: number, private readonly now: () => number) {}

  allow(client: string): boolean {
    const window = Math.floor(this.now() / 60_000);
    if (window !== this.#window) {
      this.#window = window;
      this.#counts.clear();
    }
    const n = (this.#counts.get(client) ?? 0) + 1;
    this.#counts.set(client, n);
    return n <= this.limit;
  }
}

const isForm = (request: FastifyRequest): boolean => (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  setPublicHeaders(reply);
  reply.header('cache-control', 'no-store');
  reply.header('content-security-policy', contentSecurityPolicy(html));
  return reply.code(status).header('content-type', 'text/html; charset=utf-8').send(html);
}

function htmlError(reply: FastifyReply, err: unknown): FastifyReply {
  if (!(err instanceof SloopError)) throw err;
  const problems = err instanceof InputError ? err.problems : [];
  const message = problems.length > 0 ? 'Please fix the fields below and try again.' : err.message;
  return sendHtml(reply, httpStatusFor(err.code), messagePage('Subscription not saved', [message], problems));
}

function componentsOf(value: unknown): unknown {
  // The form sends one comma-separated field; JSON sends a list.
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return value;
}

export function subscriptionRoutes(deps: ServerDeps): AnyRouteSpec[] {
  const tag = 'status page';
  const limiter = new FixedWindowLimiter(SUBSCRIBE_RATE_LIMIT, () => Date.now());
  return [
    defineRoute({
      method: 'POST', url: '/status/subscriptions', scope: 'public', tag, bodyLimit: SUBSCRIBE_BODY_LIMIT, successStatus: 202, errorStatuses: [409, 413, 429, 503],
      summary: 'Subscribe to status changes by email (double opt-in) or webhook (signed); JSON or an HTML form post',
      handler: async ({ request, reply, body }) => {
        const form = isForm(request);
        if (!limiter.allow(request.ip)) {
          reply.header('retry-after', '60');
          const message = 'too many subscription requests from this address; wait a minute and try again';
          return form ? sendHtml(reply, 429, messagePage('Too many requests', [message])) : reply.code(429).send({ error: { code: 'INPUT', message } });
        }
        const input = (body ?? {}) as Record<string, unknown>;
        if (typeof input !== 'object' || Array.isArray(input)) throw new InputError('send a JSON object with kind, target and optional components');
        try {
          const outcome = await statusPageOf(deps).subscriptions.subscribe({ kind: input.kind, target: input.target, components: componentsOf(input.components) });
          if (!form) return outcome;
          const lines = [outcome.message, ...(outcome.signingSecret ? [`Signing secret: ${outcome.signingSecret}`] : [])];
          return sendHtml(reply, 202, messagePage(outcome.kind === 'email' ? 'Almost done' : 'Subscribed', lines));
        } catch (err: unknown) {
          if (form) return htmlError(reply, err);
          throw err;
        }
      },
    }),
    defineRoute({
      method: 'GET', url: '/status/subscriptions/confirm', scope: 'public', tag, responseContentType: 'text/html', errorStatuses: [403, 409],
      summary: 'Confirm an email subscription (the link in the confirmation email)',
      handler: async ({ request, reply }) => {
        try {
          await statusPageOf(deps).subscriptions.confirm((request.query as { token?: unknown }).token);
          return sendHtml(reply, 200, messagePage('Subscription confirmed', ['You will now receive status updates by email. Every message has an unsubscribe link.']));
        } catch (err: unknown) {
          return htmlError(reply, err);
        }
      },
    }),
    defineRoute({
      method: 'GET', url: '/status/unsubscribe', scope: 'public', tag, responseContentType: 'text/html', errorStatuses: [403],
      summary: 'Stop a subscription (the link in every status message)',
      handler: async ({ request, reply }) => {
        try {
          await statusPageOf(deps).subscriptions.unsubscribe((request.query as { token?: unknown }).token);
          return sendHtml(reply, 200, messagePage('Unsubscribed', ['You will not receive further status updates. Subscribe again on the status page at any time.']));
        } catch (err: unknown) {
          return htmlError(reply, err);
        }
      },
    }),
  ];
}
