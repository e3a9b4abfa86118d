/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests
 * (OpenAPI 3.1 uses JSON Schema 2020-12, which is what `z.toJSONSchema` emits).
 */
import { z } from 'zod';
import type { AnyRouteSpec } from './route.js';
import { errorBodySchema } from './schemas/common.js';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete out.$schema;
  return out;
}

function parametersFor(schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input');
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, prop]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
    schema: prop,
  }));
}

const statusText: Record<number, string> = {
  400: 'Invalid request; `problems` names each bad field',
  401: 'Missing or unknown bearer token',
  403: 'Token lacks the scope this route needs',
  404: 'Unknown resource',
  413: 'Request body too large',
  503: 'Not ready',
};

export function buildOpenApiDocument(routes: readonly AnyRouteSpec[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const errorSchema = jsonSchema(errorBodySchema, 'output');
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const responses: Record<string, JsonSchema> = {
      [String(route.successStatus ?? 200)]: {
        description: 'Success',
        ...(route.response
          ? { content: { [route.responseContentType ?? 'application/json']: { schema: jsonSchema(route.response, 'output') } } }
          : route.responseContentType
            ? { content: { [route.responseContentType]: { schema: { type: 'string' } } } }
            : {}),
      },
    };
    const errorStatuses = new Set<number>(route.errorStatuses ?? []);
    if (route.scope !== 'public') [401, 403].forEach((s) => errorStatuses.add(s));
    if (route.body || route.query || route.params) errorStatuses.add(400);
    for (const status of [...errorStatuses].sort()) {
      responses[String(status)] = {
        description: statusText[status] ?? 'Error',
        content: { 'application/json': { schema: errorSchema } },
      };
    }
    const operation: JsonSchema = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      'x-sloop-scope': route.scope,
      parameters: [...parametersFor(route.params, 'path'), ...parametersFor(route.query, 'query')],
      responses,
      ...(route.scope === 'public' ? { security: [] } : {}),
    };
    if (route.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } };
    } else if (route.requestContentType) {
      operation.requestBody = { required: true, content: { [route.requestContentType]: { schema: { type: 'string', format: 'binary' } } } };
    }
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'sloop API',
      version,
      description: 'SLOs as code, error budgets, burn-rate alerting and the deploy gate. Every route except health checks needs a bearer token whose scope is listed as `x-sloop-scope`.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
