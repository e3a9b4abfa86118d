/**
 * Crash test (issue 4): a real `sloop serve` process pages step 1, is killed with SIGKILL
 * before step 2 is due, and restarts. Step 2 must arrive exactly once, at the time the policy
 * says (step 1 time + wait), and step 1 must not be sent again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../server/support/spawn-server.js';
import { PAGING_ENV, api, makePagingDir, sendSignedAlert, sleep, waitFor, type PagingDir } from './support/paging-fixture.js';
import { startCountingReceiver, type CountingReceiver } from './support/receiver.js';

const WAIT_MS = 10_000;
let alice: CountingReceiver;
let bob: CountingReceiver;
let dir: PagingDir;
let server: ServerProcess | undefined;

beforeAll(async () => {
  alice = await startCountingReceiver();
  bob = await startCountingReceiver();
  dir = await makePagingDir({ aliceUrl: alice.url, bobUrl: bob.url, step1Wait: `${WAIT_MS / 1000}s` });
});

afterAll(async () => {
  await server?.kill9();
  await alice.close();
  await bob.close();
  await dir.cleanup();
});

interface PageDetail {
  page: { id: string; step: number; status: string };
  deliveries: Array<{ status: string; personId: string }>;
  timeline: Array<{ kind: string; at: number }>;
}

it('fires the next escalation step once, on time, after a SIGKILL between steps', async () => {
  server = await spawnServer(dir.configArgs, PAGING_ENV);
  const sent = await sendSignedAlert(server.url, { dedupKey: 'checkout-down', summary: 'checkout is down', severity: 'page', labels: { service: 'checkout' } });
  expect(sent.status).toBe(202);

  await waitFor('step 1 at Alice', () => alice.receipts.length === 1);
  const step1At = alice.receipts[0].at;
  const pageId = alice.receipts[0].body.pageId;
  // Kill only once step 1 is recorded as delivered: the crash falls between the two steps.
  await waitFor('step 1 marked delivered', async () => {
    const { body } = await api<PageDetail>(server!.url, dir.token, `/api/v1/pages/${pageId}`);
    return body.deliveries.length === 1 && body.deliveries[0].status === 'delivered';
  });
  await server.kill9();
  expect(bob.receipts).toHaveLength(0);

  server = await spawnServer(dir.configArgs, PAGING_ENV);
  const restartedAt = Date.now();
  await waitFor('step 2 at Bob', () => bob.receipts.length >= 1, WAIT_MS + 10_000);
  // Due at step 1 + wait; on a machine so loaded that the restart took longer, due at once.
  const dueAt = Math.max(step1At + WAIT_MS, restartedAt);
  const lateBy = bob.receipts[0].at - dueAt;
  expect(bob.receipts[0].at).toBeGreaterThanOrEqual(step1At + WAIT_MS - 250);
  expect(lateBy).toBeLessThan(1_500); // a 200 ms worker tick plus the send

  await sleep(1_500);
  expect(bob.receipts).toHaveLength(1);
  expect(bob.receipts[0].body).toMatchObject({ pageId, status: 'triggered', escalation: { step: 1 } });
  expect(bob.receipts[0].idempotencyKey).toBe(bob.receipts[0].body.idempotencyKey);
  expect(alice.receipts).toHaveLength(1);

  const { body } = await api<PageDetail>(server.url, dir.token, `/api/v1/pages/${pageId}`);
  expect(body.page).toMatchObject({ step: 1, status: 'triggered' });
  expect(body.deliveries.map((d) => [d.personId, d.status])).toEqual([['alice', 'delivered'], ['bob', 'delivered']]);
}, 60_000);
