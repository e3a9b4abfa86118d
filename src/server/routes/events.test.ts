import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, startHarness, T0, type Harness } from '../../../test/server/support/harness.js';
import { LATE_DATA_EVENT } from '../../evaluator/evaluator.js';

let h: Harness;
let url: string;
beforeAll(async () => {
  h = await startHarness();
  url = await h.runtime.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => h.close());

async function readFrames(res: Response, count: number): Promise<string[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while ((text.match(/^id: /gm) ?? []).length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  await reader.cancel();
  return text.split('\n\n').filter((f) => f.startsWith('id: '));
}

it('replays what a reconnecting client missed after Last-Event-ID, without internal events', async () => {
  const fired = (slo: string, at: number) => ({ slo, kind: 'page' as const, event: 'fired' as const, at, burnRates: { '1h': 20 } });
  await h.store.recordAlertTransitions([fired('checkout-availability', T0)]);
  await h.store.appendEvents([{ type: LATE_DATA_EVENT, payload: { holder: 'other', ranges: [] } }], T0);
  await h.store.recordAlertTransitions([fired('search-availability', T0 + 1000)]);
  const controller = new AbortController();
  const res = await fetch(`${url}/api/v1/events/stream`, { headers: { ...bearer(h.tokens.read), 'last-event-id': '1' }, signal: controller.signal });
  const frames = await readFrames(res, 1);
  controller.abort();
  expect(frames).toHaveLength(1);
  expect(frames[0]).toContain('id: 3\nevent: alert.transition');
  expect(frames[0]).toContain('"slo":"search-availability"');
});

it('streams incident changes live, each naming the incident and the timeline entries it wrote', async () => {
  await h.runtime.feed.start(); // live delivery: the feed polls the event log and fans out to streams
  const controller = new AbortController();
  const res = await fetch(`${url}/api/v1/events/stream`, { headers: bearer(h.tokens.read), signal: controller.signal });
  const reader = res.body!.getReader();
  await reader.read(); // the stream is open and live
  const declared = await fetch(`${url}/api/v1/incidents`, {
    method: 'POST',
    headers: { ...bearer(h.tokens.write), 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Checkout errors', severity: 'SEV2' }),
  });
  expect(declared.status).toBe(201);
  const { incident } = (await declared.json()) as { incident: { id: string } };
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes('event: incident.changed')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  controller.abort();
  const frame = text.split('\n\n').find((f) => f.includes('event: incident.changed'))!;
  const data = JSON.parse(frame.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as { incidentId: string; version: number; entries: Array<{ kind: string }> };
  expect(data.incidentId).toBe(incident.id);
  expect(data.version).toBe(1);
  expect(data.entries.map((e) => e.kind)).toContain('declared');
});

it('ends open streams when the server closes instead of waiting for clients', async () => {
  const other = await startHarness();
  const otherUrl = await other.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  const res = await fetch(`${otherUrl}/api/v1/events/stream`, { headers: bearer(other.tokens.read) });
  const reader = res.body!.getReader();
  await reader.read(); // the stream is open
  const closed = other.close();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    // drain until the server ends the stream
  }
  await closed;
});
