import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startHarness, type Harness } from '../../../test/server/support/harness.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { main } from '../main.js';

let h: Harness;
let url: string;
beforeAll(async () => {
  h = await startHarness({ now: Date.now() });
  url = await h.runtime.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => h.close());

async function gate(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { interactive: false, out: (t) => out.push(t), err: (t) => err.push(t) };
  const code = await main(['node', 'sloop', 'gate', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('sloop gate', () => {
  it('exits 0 while budget remains and 3 once it is exhausted, naming the SLO', async () => {
    const allowed = await gate('--server', url, '--service', 'shop', '--token', h.tokens.read);
    expect(allowed.code).toBe(ExitCode.OK);
    expect(allowed.out).toContain('ALLOWED');
    const now = h.clock.now;
    const samples = Array.from({ length: 30 }, (_, i) => ({ timestamp: now - (i + 1) * 60_000, good: 50, total: 100 }));
    const res = await h.inject({ method: 'POST', url: '/api/v1/slis/checkout-availability/events', headers: bearer(h.tokens.ingest), payload: { samples } });
    expect(res.statusCode).toBe(200);
    const frozen = await gate('--server', url, '--service', 'shop', '--token', h.tokens.read, '--json');
    expect(frozen.code).toBe(ExitCode.FROZEN);
    expect(JSON.parse(frozen.out).responsible[0].slo).toBe('checkout-availability');
    const exception = await gate('--server', url, '--service', 'shop', '--token', h.tokens.read, '--change-label', 'reliability');
    expect(exception.code).toBe(ExitCode.OK);
  });

  it('exits 4 when the server is unreachable and 5 when the token is refused', async () => {
    const down = await gate('--server', 'http://127.0.0.1:9', '--service', 'shop', '--token', h.tokens.read, '--timeout', '2000');
    expect(down.code).toBe(ExitCode.UNAVAILABLE);
    expect(down.err).toContain('cannot reach the sloop server');
    const refused = await gate('--server', url, '--service', 'shop', '--token', h.tokens.ingest);
    expect(refused.code).toBe(ExitCode.NOT_ALLOWED);
  });
});
