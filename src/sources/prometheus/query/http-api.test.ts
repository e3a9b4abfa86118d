import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../../errors/index.js';
import { instantQuery } from './http-api.js';

const servers: Server[] = [];

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err: unknown) {
    if (err instanceof Error) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('Prometheus HTTP API client', () => {
  it('reports a closed port as unreachable', async () => {
    const url = await serve(() => undefined);
    const closed = servers.pop()!;
    await new Promise((r) => closed.close(r));
    const err = await failure(instantQuery({ url, timeoutMs: 2_000 }, 'up', 0));
    expect(err).toBeInstanceOf(UnavailableError);
    expect(err.message).toMatch(/is unreachable \(.*ECONNREFUSED.*\); check the URL and that Prometheus is running/);
  });

  it('gives up after timeoutMs when Prometheus does not answer', async () => {
    const url = await serve(() => undefined); // accepts, never responds
    const started = performance.now();
    const err = await failure(instantQuery({ url, timeoutMs: 200 }, 'up', 0));
    expect(err).toBeInstanceOf(UnavailableError);
    expect(err.message).toMatch(/did not answer within 200 ms/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('reports a URL that is not the Prometheus API', async () => {
    const url = await serve((_req, res) => res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found'));
    const err = await failure(instantQuery({ url, timeoutMs: 2_000 }, 'up', 0));
    expect(err).toBeInstanceOf(UnavailableError);
    expect(err.message).toMatch(/unexpected answer \(HTTP 404, not JSON: 404 page not found\)/);
  });

  it('passes Prometheus server-side errors through as unavailable', async () => {
    const url = await serve((_req, res) =>
      res.writeHead(503, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'error', errorType: 'unavailable', error: 'too many queries' })),
    );
    const err = await failure(instantQuery({ url, timeoutMs: 2_000 }, 'up', 0));
    expect(err).toBeInstanceOf(UnavailableError);
    expect(err.message).toMatch(/failed the query \(unavailable: too many queries\); retry later/);
  });

  it('sends the query, the evaluation time in seconds and a server-side timeout', async () => {
    let seen: URL | undefined;
    const url = await serve((req, res) => {
      seen = new URL(req.url!, 'http://x');
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(
        JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [1700000000.5, '+Inf'] } }),
      );
    });
    const result = await instantQuery({ url: `${url}/`, timeoutMs: 1_500 }, 'vector(1)', 1_700_000_000_500);
    expect(result).toEqual([{ labels: {}, points: [[1_700_000_000_500, Infinity]] }]);
    expect(seen?.pathname).toBe('/api/v1/query');
    expect(Object.fromEntries(seen!.searchParams)).toEqual({ query: 'vector(1)', time: '1700000000.5', timeout: '1.5s' });
  });
});
