/**
 * End to end (issue 4): bad samples pushed through the API make an SLO burn its budget; the
 * evaluator's alert transition pages the on-call person at a local webhook receiver, and an
 * acknowledgement through the signed link in that notification stops escalation. A second
 * page is acknowledged and resolved through the API; resolving it as not actionable lists a
 * follow-up.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../server/support/spawn-server.js';
import { PAGING_ENV, api, makePagingDir, sendSignedAlert, sleep, waitFor, type PagingDir } from './support/paging-fixture.js';
import { startCountingReceiver, type CountingReceiver } from './support/receiver.js';

const STEP1_WAIT_MS = 4_000;
let alice: CountingReceiver;
let bob: CountingReceiver;
let dir: PagingDir;
let server: ServerProcess;

beforeAll(async () => {
  alice = await startCountingReceiver();
  bob = await startCountingReceiver();
  dir = await makePagingDir({ aliceUrl: alice.url, bobUrl: bob.url, step1Wait: `${STEP1_WAIT_MS / 1000}s` });
  server = await spawnServer(dir.configArgs, PAGING_ENV);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await alice.close();
  await bob.close();
  await dir.cleanup();
});

interface PageBody {
  id: string;
  status: string;
  dedupKey: string;
  alert: { source: string; runbookUrl: string | null; labels: Record<string, string> };
}

it('pages the on-call person when an SLO burns its budget, and a signed-link acknowledgement stops escalation', async () => {
  const now = Date.now();
  const samples = Array.from({ length: 60 }, (_, i) => ({ timestamp: now - (60 - i) * 60_000, good: 0, total: 100 }));
  const pushed = await fetch(`${server.url}/api/v1/slis/checkout-availability/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${dir.ingestToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ samples }),
  });
  expect(pushed.status).toBe(200);

  await waitFor('the page at Alice', () => alice.receipts.find((r) => r.body.status === 'triggered'), 20_000);
  const paged = alice.receipts[0].body;
  const { body: list } = await api<{ pages: PageBody[] }>(server.url, dir.token, '/api/v1/pages?status=triggered');
  const page = list.pages.find((p) => p.id === paged.pageId)!;
  expect(page).toMatchObject({ dedupKey: 'slo:checkout-availability:page', alert: { source: 'slo', runbookUrl: 'https://runbooks.example.com/checkout', labels: { severity: 'page' } } });

  const link = paged.links.acknowledge!;
  expect(link.startsWith(server.url)).toBe(true);
  const confirm = await fetch(link);
  expect(confirm.status).toBe(200);
  expect(await confirm.text()).toContain('<button type="submit">Acknowledge</button>');
  expect((await api<{ page: PageBody }>(server.url, dir.token, `/api/v1/pages/${page.id}`)).body.page.status).toBe('triggered'); // GET changed nothing
  const forged = await fetch(link.replace(/.(?=[^.]*$)/, '.x'), { method: 'POST' });
  expect(forged.status).toBe(401);
  expect(((await forged.json()) as { error: { message: string } }).error.message).toMatch(/link|damaged|issued/);
  const acted = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
  expect(acted.status).toBe(200);
  expect((await api<{ page: PageBody }>(server.url, dir.token, `/api/v1/pages/${page.id}`)).body.page.status).toBe('acknowledged');

  await waitFor('the acknowledgement announced to Alice', () => alice.receipts.some((r) => r.body.status === 'acknowledged'), 5_000);
  await sleep(STEP1_WAIT_MS + 1_000);
  expect(bob.receipts).toHaveLength(0);
  expect(alice.receipts.map((r) => r.body.status)).toEqual(['triggered', 'acknowledged']);
}, 60_000);

it('acknowledges and resolves through the API; a page resolved as not actionable becomes a follow-up', async () => {
  expect((await sendSignedAlert(server.url, { dedupKey: 'disk-full', summary: 'disk full on db-1', severity: 'critical', labels: { service: 'db' } })).status).toBe(202);
  const received = await waitFor('the disk page at Alice', () => alice.receipts.find((r) => r.body.idempotencyKey.includes('/s0/') && r.body.status === 'triggered' && r.body.pageId !== alice.receipts[0].body.pageId));
  const id = received.body.pageId;

  const acked = await api<{ page: PageBody }>(server.url, dir.token, `/api/v1/pages/${id}/acknowledge`, { method: 'POST', body: {} });
  expect(acked.status).toBe(200);
  expect(acked.body.page.status).toBe('acknowledged');
  await sleep(STEP1_WAIT_MS + 1_000);
  expect(bob.receipts).toHaveLength(0);

  const resolved = await api<{ page: PageBody }>(server.url, dir.token, `/api/v1/pages/${id}/resolve`, { method: 'POST', body: { actionable: false, note: 'disk alarm threshold too low' } });
  expect(resolved.body.page.status).toBe('resolved');
  const again = await api<{ error: { code: string } }>(server.url, dir.token, `/api/v1/pages/${id}/acknowledge`, { method: 'POST', body: {} });
  expect(again.status).toBe(409);

  const { body } = await api<{ followUps: Array<{ pageId: string; priority: string }> }>(server.url, dir.token, '/api/v1/follow-ups');
  expect(body.followUps).toEqual([expect.objectContaining({ pageId: id, priority: 'highest' })]);
  await waitFor('the resolve announced to Alice', () => alice.receipts.some((r) => r.body.pageId === id && r.body.status === 'resolved'), 5_000);
  const detail = await api<{ timeline: Array<{ kind: string; message: string }> }>(server.url, dir.token, `/api/v1/pages/${id}`);
  // Paging step 1, notified Alice, acknowledged, told Alice, resolved, follow-up, told Alice.
  expect(detail.body.timeline.map((e) => e.kind)).toEqual(['triggered', 'notified', 'notified', 'acknowledged', 'notified', 'resolved', 'followUpCreated', 'notified']);
  expect(detail.body.timeline.at(-1)?.message).toMatch(/^Told Alice the page is resolved/);
}, 60_000);
