import { UnavailableError } from '../../errors/index.js';
import type { ServerDeps } from '../deps.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import { z } from 'zod';

export function writeRoutes(deps: ServerDeps): AnyRouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/write',
      scope: 'ingest',
      tag: 'slis',
      summary: 'Prometheus remote_write receiver (snappy-compressed protobuf); series map onto SLOs by their remoteWrite selectors',
      requestContentType: 'application/x-protobuf',
      successStatus: 204,
      response: z.null(),
      errorStatuses: [413, 503],
      handler: async ({ request, reply }) => {
        if (!deps.remoteWrite) {
          throw new UnavailableError('remote_write is not available on this server; declare remoteWrite selectors on SLOs to use it');
        }
        const result = await deps.remoteWrite.ingest(request.body as Buffer);
        reply.header('x-sloop-samples', String(result.samples));
        reply.code(204).send();
        return undefined;
      },
    }),
  ];
}
