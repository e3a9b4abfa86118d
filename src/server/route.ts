/**
 * Every HTTP route is declared once as a RouteSpec: method, path, required scope, zod schemas
 * and a handler. The same table registers the Fastify routes, validates requests, builds the
 * OpenAPI document and drives the test that walks every route with every scope.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { parseRequestPart } from './validation.js';
import type { Principal, TokenScope } from './plugins/auth.js';

/** `public` routes need no token (health checks); every other route names the scope it needs. */
export type RouteScope = TokenScope | 'public';

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
  principal: Principal | null;
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify path syntax (`/api/v1/slos/:name`); OpenAPI gets `{name}`. */
  url: string;
  scope: RouteScope;
  summary: string;
  tag: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Documents the success response (not validated at runtime). */
  response?: z.ZodType;
  /** Non-JSON success response content type, e.g. text/plain for /metrics. */
  responseContentType?: string;
  /** Non-JSON request body content type; the body arrives as a Buffer. */
  requestContentType?: string;
  successStatus?: number;
  /** Extra documented error statuses besides 400/401/403. */
  errorStatuses?: number[];
  bodyLimit?: number;
  handler(ctx: RouteContext<P, Q, B>): Promise<unknown> | unknown;
}

// The table holds routes of many shapes; the handler is only ever called with parsed parts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRouteSpec = RouteSpec<any, any, any>;

export function defineRoute<P = undefined, Q = undefined, B = undefined>(spec: RouteSpec<P, Q, B>): AnyRouteSpec {
  return spec as AnyRouteSpec;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    scope?: RouteScope;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function registerRoutes(app: FastifyInstance, routes: readonly AnyRouteSpec[]): void {
  for (const spec of routes) {
    app.route({
      method: spec.method,
      url: spec.url,
      config: { scope: spec.scope },
      ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
      handler: async (request, reply) => {
        const ctx: RouteContext<unknown, unknown, unknown> = {
          params: spec.params ? parseRequestPart(spec.params, request.params, 'params') : undefined,
          query: spec.query ? parseRequestPart(spec.query, request.query, 'query') : undefined,
          body: spec.body ? parseRequestPart(spec.body, request.body, 'body') : request.body,
          request,
          reply,
          principal: request.principal,
        };
        const result = await spec.handler(ctx);
        if (reply.sent) return reply;
        if (spec.successStatus) reply.code(spec.successStatus);
        return result ?? null;
      },
    });
  }
}
