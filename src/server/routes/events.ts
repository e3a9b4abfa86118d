/**
 * Server-sent events: alert transitions and incident changes from the store's durable event
 * log. A client resumes with `Last-Event-ID` (or `?after=`) and misses nothing.
 */
import { z } from 'zod';
import type { ServerDeps } from '../deps.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import type { StoredEvent } from '../../store/store.js';
import { LATE_DATA_EVENT } from '../../evaluator/evaluator.js';

/** Replica-to-replica events (late-data announcements) stay off the public stream. */
const INTERNAL_EVENTS = new Set([LATE_DATA_EVENT]);

const KEEPALIVE_MS = 15_000;

const eventsQuery = z.object({
  after: z.string().regex(/^\d+$/, 'expected an event id').transform(Number).optional().describe('replay events with a larger id first (same as the Last-Event-ID header)'),
});

function frame(event: StoredEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify({ ...((event.payload ?? {}) as object), eventAt: event.at })}\n\n`;
}

/** Open streams, so a shutting-down server can end them instead of waiting for clients. */
export type OpenStreams = Set<{ end(): void }>;

export function eventRoutes(deps: ServerDeps, openStreams: OpenStreams = new Set()): AnyRouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/events/stream',
      scope: 'read',
      tag: 'events',
      summary: 'Alert transitions (event: alert.transition) and incident changes (event: incident.changed) as server-sent events; resumes after Last-Event-ID',
      query: eventsQuery,
      responseContentType: 'text/event-stream',
      handler: async ({ query, request, reply }) => {
        const header = request.headers['last-event-id'];
        const fromHeader = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : undefined;
        let lastSent = query.after ?? fromHeader ?? (await deps.events.lastEventId());
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        raw.write(': sloop event stream\nretry: 3000\n\n');
        const pending: StoredEvent[] = [];
        let replaying = true;
        const send = (event: StoredEvent): void => {
          if (event.id <= lastSent) return;
          lastSent = event.id;
          if (!INTERNAL_EVENTS.has(event.type)) raw.write(frame(event));
        };
        const subscription = deps.events.subscribe((event) => (replaying ? pending.push(event) : send(event)));
        const keepalive = setInterval(() => raw.write(': keepalive\n\n'), KEEPALIVE_MS);
        keepalive.unref();
        openStreams.add(raw);
        raw.on('close', () => {
          clearInterval(keepalive);
          subscription.close();
          openStreams.delete(raw);
        });
        // Replay the backlog from the durable log, then switch to live events.
        for (;;) {
          const batch = await deps.events.readAfter(lastSent, 500);
          batch.forEach(send);
          if (batch.length < 500) break;
        }
        replaying = false;
        pending.sort((a, b) => a.id - b.id).forEach(send);
        return undefined;
      },
    }),
  ];
}
