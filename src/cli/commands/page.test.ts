import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CONFIG, startHarness, type Harness } from '../../../test/server/support/harness.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { main } from '../main.js';

const ONCALL = `---
apiVersion: sloop/v1
kind: OnCall
people:
  - { id: alice, name: Alice, timeZone: UTC, contactMethods: [{ id: hook, type: webhook, url: "http://127.0.0.1:9/alice" }] }
escalationPolicies:
  - name: shop
    steps:
      - { notify: { people: [alice] }, wait: 5m }
routes:
  - { default: true, policy: shop }
`;

let h: Harness;
let url: string;
let pageId: string;
beforeAll(async () => {
  h = await startHarness({ now: Date.now(), configText: TEST_CONFIG + ONCALL });
  url = await h.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  const opened = await h.runtime.paging.engine.handleAlert({ dedupKey: 'cli-test', status: 'firing', alert: { source: 'webhook', summary: 'checkout is down', labels: {}, annotations: {}, runbookUrl: 'https://rb.example/checkout' } });
  pageId = (opened as { pageId: string }).pageId;
});
afterAll(async () => h.close());

async function page(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { interactive: false, out: (t) => out.push(t), err: (t) => err.push(t) };
  const code = await main(['node', 'sloop', 'page', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('sloop page', () => {
  it('lists and shows pages with their timeline', async () => {
    const list = await page('list', '--server', url, '--token', h.tokens.read, '--json');
    expect(list.code).toBe(ExitCode.OK);
    expect(JSON.parse(list.out).pages.map((p: { id: string }) => p.id)).toEqual([pageId]);
    const shown = await page('show', pageId, '--server', url, '--token', h.tokens.read);
    expect(shown.out).toContain('checkout is down');
    expect(shown.out).toContain('runbook: https://rb.example/checkout');
    expect(shown.out).toMatch(/triggered\s+Triggered by webhook/);
  });

  it('acknowledges and resolves as not actionable, and refuses a read-only token with exit 5', async () => {
    expect((await page('ack', pageId, '--server', url, '--token', h.tokens.read)).code).toBe(ExitCode.NOT_ALLOWED);
    const acked = await page('ack', pageId, '--server', url, '--token', h.tokens.write);
    expect(acked.code).toBe(ExitCode.OK);
    expect(acked.out).toContain(`Acknowledged ${pageId}`);
    const resolved = await page('resolve', pageId, '--not-actionable', '--note', 'noise', '--server', url, '--token', h.tokens.write, '--json');
    expect(JSON.parse(resolved.out).page).toMatchObject({ status: 'resolved', actionable: false });
    expect((await h.runtime.paging.engine.store.paging.listFollowUps()).map((f) => f.pageId)).toEqual([pageId]);
  });

  it('says what to do for an unknown page or status', async () => {
    const missing = await page('show', 'pg_nope', '--server', url, '--token', h.tokens.read);
    expect(missing.code).toBe(ExitCode.PROBLEMS);
    expect(missing.err).toContain('sloop page list');
    const bad = await page('list', '--status', 'open', '--server', url, '--token', h.tokens.read);
    expect(bad.code).toBe(ExitCode.PROBLEMS);
    expect(bad.err).toContain('triggered, acknowledged, resolved');
  });
});
