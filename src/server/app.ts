/**
 * `buildApp(deps)`: the Fastify application with every route of the route table, auth,
 * request metrics and the single error handler. Testable in-process with `app.inject()`.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { NotFoundError } from '../errors/index.js';
import { DEFAULT_BODY_LIMIT_BYTES, type ServerDeps } from './deps.js';
import { sloopErrorHandler } from './http-errors.js';
import { buildOpenApiDocument } from './openapi.js';
import { registerAuth } from './plugins/auth.js';
import { createConsoleSessions, type ConsoleSessions } from './plugins/session.js';
import { defineRoute, registerRoutes, type AnyRouteSpec } from './route.js';
import { alertRoutes } from './routes/alerts.js';
import { configRoutes } from './routes/config.js';
import { consoleRoutes } from './routes/console.js';
import { eventRoutes, type OpenStreams } from './routes/events.js';
import { gateRoutes } from './routes/gate.js';
import { healthRoutes } from './routes/health.js';
import { actionRoutes } from './routes/actions.js';
import { incidentRoutes } from './routes/incidents.js';
import { postmortemRoutes } from './routes/postmortems.js';
import { reportRoutes } from './routes/reports.js';
import { registerIntegrationRoutes } from './routes/integrations.js';
import { pageActionRoutes } from './routes/page-actions.js';
import { pageRoutes } from './routes/pages.js';
import { peopleRoutes } from './routes/people.js';
import { onCallLoadRoutes } from './routes/oncall-load.js';
import { scheduleFeedRoutes } from './routes/schedule-feeds.js';
import { scheduleRoutes } from './routes/schedules.js';
import { sliRoutes } from './routes/slis.js';
import { sloRoutes } from './routes/slos.js';
import { componentRoutes } from './routes/components.js';
import { maintenanceRoutes } from './routes/maintenance.js';
import { statusPageRoutes } from './routes/status-page.js';
import { subscriptionRoutes } from './routes/subscriptions.js';
import { writeRoutes } from './routes/write.js';

export interface SloopApp {
  app: FastifyInstance;
  /** The route table the app was built from (OpenAPI and the scope test read it). */
  routes: readonly AnyRouteSpec[];
  /** Every route Fastify registered (`METHOD url`), HEAD twins excluded: must equal the table. */
  registered: readonly string[];
}

export function routeTable(deps: ServerDeps, sessions: ConsoleSessions = consoleSessionsFor(deps), openStreams: OpenStreams = new Set()): AnyRouteSpec[] {
  const routes: AnyRouteSpec[] = [
    ...healthRoutes(deps),
    ...sliRoutes(deps),
    ...writeRoutes(deps),
    ...sloRoutes(deps),
    ...alertRoutes(deps),
    ...gateRoutes(deps),
    ...eventRoutes(deps, openStreams),
    ...configRoutes(deps),
    ...(deps.paging ? [...pageRoutes(deps.paging), ...pageActionRoutes(deps.paging)] : []),
    ...(deps.oncall ? [...scheduleRoutes(deps), ...scheduleFeedRoutes(deps), ...onCallLoadRoutes(deps), ...peopleRoutes(deps)] : []),
    ...(deps.statusPage ? [...statusPageRoutes(deps), ...subscriptionRoutes(deps), ...componentRoutes(deps), ...maintenanceRoutes(deps)] : []),
    ...(deps.incidents ? [...incidentRoutes(deps.incidents), ...postmortemRoutes(deps.incidents), ...actionRoutes(deps.incidents), ...reportRoutes(deps.incidents)] : []),
    ...sessions.routes(),
    ...consoleRoutes({ dir: deps.consoleDir }),
  ];
  let openApi: unknown;
  routes.push(
    defineRoute({
      method: 'GET',
      url: '/openapi.json',
      scope: 'public',
      tag: 'operations',
      summary: 'This API as an OpenAPI 3.1 document',
      handler: () => (openApi ??= buildOpenApiDocument(routes, deps.version)),
    }),
  );
  return routes;
}

function consoleSessionsFor(deps: ServerDeps): ConsoleSessions {
  return createConsoleSessions({ verifier: deps.tokens, storage: deps.consoleSessions.storage, now: deps.consoleSessions.now });
}

export async function buildApp(deps: ServerDeps): Promise<SloopApp> {
  const sessions = consoleSessionsFor(deps);
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    // Signed page-action tokens are ~130 characters; the default 100 would answer 414.
    routerOptions: { maxParamLength: 500 },
    // Readable request ids in logs and in 500 bodies.
    genReqId: (() => {
      let n = 0;
      return () => `req-${(++n).toString(36)}`;
    })(),
  });
  app.setErrorHandler(sloopErrorHandler);
  app.setNotFoundHandler(async (request) => {
    throw new NotFoundError(`no route ${request.method} ${request.url.split('?')[0]}; see /openapi.json for the API`);
  });
  // remote_write bodies are snappy-compressed protobuf; the route decodes them.
  app.addContentTypeParser('application/x-protobuf', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  // The signed page-action confirmation page posts a plain HTML form.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))));
  registerAuth(app, deps.tokens, sessions);
  const registered: string[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') registered.push(`${method} ${route.url}`);
  });
  app.addHook('onResponse', async (request, reply) => {
    deps.metrics.httpRequestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  // Event streams never go idle: end them on close, or close would wait for every client.
  const openStreams: OpenStreams = new Set();
  app.addHook('preClose', async () => {
    for (const stream of openStreams) stream.end();
  });
  const routes = routeTable(deps, sessions, openStreams);
  registerRoutes(app, routes);
  if (deps.paging) await registerIntegrationRoutes(app, deps.paging);
  await app.ready();
  return { app, routes, registered };
}
