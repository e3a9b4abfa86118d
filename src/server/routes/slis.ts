import { InputError } from '../../errors/index.js';
import type { ServerDeps } from '../deps.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import { bulkEventsBody, ingestResponse, sloEventsBody } from '../schemas/slis.js';
import { sloNameParams } from '../schemas/common.js';
import type { FastifyRequest } from 'fastify';

function idempotencyKeyOf(request: FastifyRequest, fromBody: string | undefined): string | undefined {
  const header = request.headers['idempotency-key'];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  if (fromHeader !== undefined && fromBody !== undefined && fromHeader !== fromBody) {
    throw new InputError('the Idempotency-Key header and body.idempotencyKey differ; send one of them', [
      { path: 'body.idempotencyKey', message: 'differs from the Idempotency-Key header' },
    ]);
  }
  const key = fromBody ?? fromHeader;
  if (key !== undefined && (key.length === 0 || key.length > 200)) {
    throw new InputError('Idempotency-Key must be 1 to 200 characters', [{ path: 'headers.idempotency-key', message: 'must be 1 to 200 characters' }]);
  }
  return key;
}

export function sliRoutes(deps: ServerDeps): AnyRouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/slis/:slo/events',
      scope: 'ingest',
      tag: 'slis',
      summary: 'Push good/total event counts for one SLO; answers after the data is committed',
      params: sloNameParams,
      body: sloEventsBody,
      response: ingestResponse,
      errorStatuses: [404, 413],
      handler: async ({ params, body, request, principal }) =>
        deps.ingest.ingest([{ slo: params.slo, samples: body.samples }], {
          idempotencyKey: idempotencyKeyOf(request, body.idempotencyKey),
          principal,
          source: 'push',
          samplePath: (_batch, sample) => `body.samples[${sample}]`,
          batchPath: () => 'params.slo',
        }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/slis/events',
      scope: 'ingest',
      tag: 'slis',
      summary: 'Push event counts for many SLOs in one atomic batch',
      body: bulkEventsBody,
      response: ingestResponse,
      errorStatuses: [404, 413],
      handler: async ({ body, request, principal }) =>
        deps.ingest.ingest(body.batches, {
          idempotencyKey: idempotencyKeyOf(request, body.idempotencyKey),
          principal,
          source: 'push',
          samplePath: (batch, sample) => `body.batches[${batch}].samples[${sample}]`,
          batchPath: (batch) => `body.batches[${batch}].slo`,
        }),
    }),
  ];
}
