/**
 * The timeline keeps writing itself after declaration, on SQLite and PostgreSQL: the page's
 * acknowledgement and resolution and the SLO alert's fired/resolved transitions land on the
 * incident declared from the page (in time order, once each), SLO transitions also land on a
 * hand-declared incident of the same service, and a restarted consumer that re-reads
 * everything (cursor rewound, as after a crash before the cursor moved) writes nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IncidentTimelineFeed, TIMELINE_FEED_CURSOR } from '../../src/incidents/service/index.js';
import { call, MIN, startIncidentRig, T0, type IncidentRig } from './support/rig.js';

describe.each(['sqlite', 'postgres'] as const)('incident timeline feed on %s', (dialect) => {
  let rig: IncidentRig;
  beforeAll(async () => {
    rig = await startIncidentRig(dialect);
  }, 30_000);
  afterAll(async () => rig?.close());

  const at = (ms: number) => (rig.clock.now = ms);
  const feedFor = () => new IncidentTimelineFeed({ store: rig.store, incidents: rig.services.incidents, sloByName: (n) => rig.runtime.config.slo(n), now: () => rig.clock.now });
  const kinds = async (id: string) => (await rig.store.incidents.incidents.timeline(id)).filter((e) => e.kind !== 'chatDelivery').map((e) => `${e.kind}@${(e.at - T0) / MIN}`);
  const transition = (event: 'fired' | 'resolved', minute: number) =>
    rig.store.recordAlertTransitions([{ slo: 'checkout-availability', kind: 'page', event, at: T0 + minute * MIN, burnRates: { '1h': 15 } }], { now: T0 + minute * MIN });

  it('writes page acknowledgement, page resolution and SLO alert transitions after declaration, once each, across a consumer restart', async () => {
    at(T0);
    const opened = await rig.runtime.paging.engine.handleAlert({
      dedupKey: 'inbound-checkout',
      status: 'firing',
      alert: { source: 'alertmanager', summary: 'checkout 5xx', labels: { severity: 'page', service: 'shop' }, annotations: {}, runbookUrl: null },
    });
    expect(opened.outcome).toBe('opened');
    const pageId = (opened as { pageId: string }).pageId;
    const feed = feedFor();
    await feed.initCursor();

    at(T0 + 1 * MIN);
    const declared = await call(rig, rig.tokens.olga, 'POST', `/api/v1/pages/${pageId}/incident`, { title: 'Checkout errors', severity: 'SEV2' });
    expect(declared.status).toBe(201);
    const fromPage: string = declared.body.incident.id;
    const byHand = await call(rig, rig.tokens.pete, 'POST', '/api/v1/incidents', { title: 'Shop is slow', severity: 'SEV3', services: ['shop'] });
    expect(byHand.status).toBe(201);
    const manual: string = byHand.body.incident.id;
    const before = await kinds(fromPage);

    at(T0 + 2 * MIN);
    expect((await call(rig, rig.tokens.olga, 'POST', `/api/v1/pages/${pageId}/acknowledge`, {})).status).toBe(200);
    await feed.tick();
    at(T0 + 3 * MIN);
    await transition('fired', 3);
    at(T0 + 4 * MIN);
    expect((await call(rig, rig.tokens.olga, 'POST', `/api/v1/pages/${pageId}/resolve`, { actionable: true })).status).toBe(200);
    at(T0 + 5 * MIN);
    await transition('resolved', 5);
    await feed.tick();
    await feed.tick();

    const expected = [...before, 'acknowledged@2', 'alertFired@3', 'pageResolved@4', 'alertResolved@5'];
    expect(await kinds(fromPage)).toEqual(expected);
    expect((await kinds(manual)).slice(-2)).toEqual(['alertFired@3', 'alertResolved@5']);
    const resolvedEntry = (await rig.store.incidents.incidents.timeline(fromPage)).find((e) => e.kind === 'pageResolved')!;
    expect(resolvedEntry).toMatchObject({ actor: 'token olga', message: `token olga resolved page ${pageId}` });

    // Restart: a new consumer re-reads the whole log (cursor rewound) and every page entry again.
    await feed.stop();
    await rig.store.paging.transaction(async (tx) => {
      await tx.lockCursor(TIMELINE_FEED_CURSOR);
      await tx.setCursor(TIMELINE_FEED_CURSOR, 0);
    });
    const restarted = feedFor();
    await restarted.initCursor();
    await restarted.tick();
    await restarted.tick();
    expect(await kinds(fromPage)).toEqual(expected);
    expect((await kinds(manual)).filter((k) => k.startsWith('alert'))).toEqual(['alertFired@3', 'alertResolved@5']);
    await restarted.stop();
  });

  it('lets only the lease holder write: a second replica leaves the timeline alone', async () => {
    const holder = feedFor();
    const other = feedFor();
    at(rig.clock.now + 10 * MIN);
    await holder.tick();
    // Within the lease's lifetime (10 s at least): seconds, not minutes.
    at(rig.clock.now + 1000);
    const hand = await call(rig, rig.tokens.pete, 'POST', '/api/v1/incidents', { title: 'Checkout again', severity: 'SEV3', slos: ['checkout-availability'] });
    at(rig.clock.now + 1000);
    const firedAt = rig.clock.now;
    await rig.store.recordAlertTransitions([{ slo: 'checkout-availability', kind: 'page', event: 'fired', at: firedAt, burnRates: { '1h': 15 } }], { now: firedAt });
    const alerts = async () => (await rig.store.incidents.incidents.timeline(hand.body.incident.id)).filter((e) => e.kind.startsWith('alert')).map((e) => e.at);
    await other.tick();
    expect(await alerts()).toEqual([]);
    await holder.tick();
    expect(await alerts()).toEqual([firedAt]);
    await holder.stop();
    await other.stop();
  });
});
