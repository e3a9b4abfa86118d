/**
 * Issue 5's "done when" path through the API, on SQLite and on PostgreSQL: bad samples burn the
 * checkout SLO; a page is opened by the paging engine and acknowledged; an incident is declared
 * from the page in one call; roles are assigned and the commander handed over; notes and
 * updates are posted to a local Slack-shaped receiver; a failing and a hanging receiver do not
 * slow the API and their failures land on the timeline; the incident is resolved and turned
 * into a postmortem with the exact budget impact; its action items and a page follow-up show
 * up in the follow-through report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DAY, MIN, startIncidentRig, T0, type IncidentRig } from './support/rig.js';

const TITLE = '<script>alert(1)</script> Checkout <b>errors</b>';

describe.each(['sqlite', 'postgres'] as const)('incident workflow on %s', (dialect) => {
  let rig: IncidentRig;
  beforeAll(async () => {
    rig = await startIncidentRig(dialect);
  }, 30_000);
  afterAll(async () => rig?.close());

  const at = (ms: number) => (rig.clock.now = ms);
  const timeline = async (id: string) => (await call(rig, rig.tokens.reader, 'GET', `/api/v1/incidents/${id}/timeline`)).body.timeline as Array<{ id: string; kind: string; actor: string; message: string; pinned: boolean; data: Record<string, unknown> }>;

  async function openPage(dedupKey: string): Promise<string> {
    const outcome = await rig.runtime.paging.engine.handleAlert({
      dedupKey,
      status: 'firing',
      alert: { source: 'slo', summary: 'checkout-availability is burning its error budget fast', labels: { severity: 'page', slo: 'checkout-availability', service: 'shop' }, annotations: {}, runbookUrl: 'https://runbooks.example.com/checkout' },
    });
    expect(outcome.outcome).toBe('opened');
    const pages = (await call(rig, rig.tokens.reader, 'GET', '/api/v1/pages?status=triggered')).body.pages as Array<{ id: string; dedupKey: string }>;
    return pages.find((p) => p.dedupKey === dedupKey)!.id;
  }

  it('runs from a page to a postmortem with budget impact and a follow-through report', async () => {
    // 60 good minutes, then 30 minutes at 0.2% errors (twice what 99.9% allows) right up to the page.
    const samples = [
      ...Array.from({ length: 60 }, (_, i) => ({ timestamp: T0 - (90 - i) * MIN, good: 1000, total: 1000 })),
      ...Array.from({ length: 30 }, (_, i) => ({ timestamp: T0 - (30 - i) * MIN, good: 998, total: 1000 })),
    ];
    expect((await call(rig, rig.tokens.ingest, 'POST', '/api/v1/slis/checkout-availability/events', { samples })).status).toBe(200);

    at(T0);
    const pageId = await openPage('checkout-burn');
    at(T0 + 2 * MIN);
    expect((await call(rig, rig.tokens.olga, 'POST', `/api/v1/pages/${pageId}/acknowledge`, {})).status).toBe(200);

    // Declare from the page in one call; a second call returns the same incident.
    at(T0 + 3 * MIN);
    const declared = await call(rig, rig.tokens.olga, 'POST', `/api/v1/pages/${pageId}/incident`, { title: TITLE, severity: 'SEV2' });
    expect(declared.status).toBe(201);
    const id: string = declared.body.incident.id;
    expect(declared.body.incident).toMatchObject({ title: TITLE, severity: 'SEV2', slos: ['checkout-availability'], services: ['shop'], source: { type: 'page', pageId }, pagedAt: T0, acknowledgedAt: T0 + 2 * MIN });
    expect(declared.body.notices).toContain('SEV2 needs Incident Commander, Resolver lead; assign them.');
    const again = await call(rig, rig.tokens.pete, 'POST', '/api/v1/incidents', { pageId });
    expect([again.status, again.body.incident.id]).toEqual([200, id]);
    expect((await timeline(id)).filter((e) => e.kind !== 'chatDelivery').map((e) => e.kind)).toEqual(['alertFired', 'paged', 'acknowledged', 'declared']);

    // Roles: olga takes two roles early (sloop says so), then hands command to pete.
    at(T0 + 4 * MIN);
    await call(rig, rig.tokens.olga, 'POST', `/api/v1/incidents/${id}/roles`, { action: 'assign', role: 'commander', person: 'olga' });
    const second = await call(rig, rig.tokens.olga, 'POST', `/api/v1/incidents/${id}/roles`, { action: 'assign', role: 'resolverLead', person: 'olga' });
    expect(second.body.notices[0]).toMatch(/^olga holds 2 roles: Incident Commander and Resolver lead\. The Incident Commander decides/);
    at(T0 + 5 * MIN);
    const handover = await call(rig, rig.tokens.olga, 'POST', `/api/v1/incidents/${id}/roles`, { action: 'handover', role: 'commander', person: 'pete' });
    expect(handover.status).toBe(200);
    expect(handover.body.entries[0]).toMatchObject({ kind: 'roleHandedOver', actor: 'olga', pinned: true, data: { role: 'commander', from: 'olga', to: 'pete' } });
    at(T0 + 6 * MIN);
    const note = await call(rig, rig.tokens.pete, 'POST', `/api/v1/incidents/${id}/notes`, { text: 'Rolled back checkout <v42>' });
    expect(note.status).toBe(201);
    expect(note.body.entries[0]).toMatchObject({ kind: 'note', actor: 'pete', message: 'Rolled back checkout <v42>' });
    const seq = note.body.entries[0].id.split('/')[1];
    const pinned = await call(rig, rig.tokens.pete, 'PATCH', `/api/v1/incidents/${id}/timeline/${seq}`, { pinned: true });
    expect(pinned.body.entry).toMatchObject({ id: `${id}/${seq}`, pinned: true });
    expect((await call(rig, rig.tokens.reader, 'PATCH', `/api/v1/incidents/${id}/timeline/${seq}`, { pinned: false })).status).toBe(403);
    const shown = await call(rig, rig.tokens.reader, 'GET', `/api/v1/incidents/${id}`);
    expect(shown.body.notices).toEqual([]);
    expect(shown.body.incident.roles).toEqual({ commander: 'pete', resolverLead: 'olga' });
    expect(shown.body.severity.label).toMatch(/^SEV2: Significant degradation/);
    const runbook = 'https://runbooks.example.com/checkout#rollback';
    const run = await call(rig, rig.tokens.pete, 'POST', `/api/v1/incidents/${id}/runbook-runs`, { runbook, outcome: 'rolled back to v41' });
    expect(run.status).toBe(201);
    expect(run.body.entries[0]).toMatchObject({ kind: 'runbookRun', actor: 'pete', message: `Ran runbook ${runbook}: rolled back to v41`, data: { runbook, outcome: 'rolled back to v41' } });
    const noOutcome = await call(rig, rig.tokens.pete, 'POST', `/api/v1/incidents/${id}/runbook-runs`, { runbook });
    expect(noOutcome.status).toBe(400);
    expect(JSON.stringify(noOutcome.body.error.problems)).toContain('outcome');

    // Every change so far reached the Slack receiver, and each delivery is on the timeline.
    await rig.services.chat.idle();
    // At least once: a retry after a slow answer may repeat a post with the same idempotency key.
    expect(new Set(rig.chat.received.map((r) => r.key)).size).toBe(5);
    const first = rig.chat.received[0]!;
    expect(first.text).toContain(`Incident declared: ${id} &lt;script&gt;alert(1)&lt;/script&gt; Checkout &lt;b&gt;errors&lt;/b&gt;`);
    expect(first.text).toContain('Severity SEV2 · status investigating');
    expect(JSON.stringify(first.blocks)).toContain('<https://status.example.com|Status page>');
    expect(rig.chat.received.some((r) => r.text.includes('Incident Commander handed over from olga to pete'))).toBe(true);
    expect((await timeline(id)).filter((e) => e.kind === 'chatDelivery' && e.data.ok === true)).toHaveLength(5);

    // A failing chat service: the update answers at once; the failure is recorded afterwards.
    rig.chat.mode = 'fail';
    const update = await call(rig, rig.tokens.pete, 'PATCH', `/api/v1/incidents/${id}`, { status: 'identified' });
    expect(update.status).toBe(200);
    expect(update.ms).toBeLessThan(900); // below the rig's 1 s chat timeout: the API never waits for chat
    await rig.services.chat.idle();
    const failed = (await timeline(id)).filter((e) => e.kind === 'chatDelivery' && e.data.ok === false);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.message).toMatch(/^Could not post to slack http:\/\/127\.0\.0\.1:\d+: serverError after 2 attempt\(s\)/);

    // A hanging chat service: the note is saved and answered before the chat post times out.
    rig.chat.mode = 'hang';
    const hungNote = await call(rig, rig.tokens.olga, 'POST', `/api/v1/incidents/${id}/notes`, { text: 'Checkout error rate back to normal' });
    expect(hungNote.status).toBe(201);
    expect(hungNote.ms).toBeLessThan(900); // a blocking post would take at least the 1 s chat timeout
    await rig.services.chat.idle();
    const timedOut = (await timeline(id)).filter((e) => e.kind === 'chatDelivery' && e.data.ok === false);
    expect(timedOut.at(-1)!.message).toMatch(/: timeout after 2 attempt\(s\)/);
    rig.chat.mode = 'ok';

    // Resolve; the impact comes from the SLI counts: 60 bad of 90,000 events in the window.
    at(T0 + 20 * MIN);
    expect((await call(rig, rig.tokens.pete, 'POST', `/api/v1/incidents/${id}/resolve`, { note: 'Fixed by the rollback' })).status).toBe(200);
    await rig.services.chat.idle();
    expect(rig.chat.received.at(-1)!.text).toContain(`Incident resolved: ${id}`);
    const impact = (await call(rig, rig.tokens.reader, 'GET', `/api/v1/incidents/${id}/impact`)).body;
    expect(impact.unknownSlos).toEqual([]);
    expect(impact.impact).toMatchObject({ impactStartedAt: T0 - 30 * MIN, endedAt: T0 + 20 * MIN, ongoing: false, durationMinutes: 50, detectionMinutes: 30, acknowledgeMinutes: 2 });
    expect(impact.impact.slos[0]).toMatchObject({ slo: 'checkout-availability', badEvents: 60, totalEvents: 30_000, sentence: "consumed 67% of the checkout-availability SLO's 28-day budget" });
    expect(impact.impact.slos[0].consumed).toBeCloseTo(60 / 90, 9);

    // The timeline export escapes the markup in the title and the note.
    const md = await call(rig, rig.tokens.reader, 'GET', `/api/v1/incidents/${id}/timeline?format=markdown`);
    expect(md.text).toContain('## Timeline: \\<script\\>alert(1)\\</script\\> Checkout \\<b\\>errors\\</b\\> (SEV2, ');
    expect(md.text).toContain('Rolled back checkout \\<v42\\>');
    expect(md.text).not.toMatch(/<script>|<b>|<v42>/);

    // Postmortem, prefilled; the budget rule asks for a P0 action item before publishing.
    at(T0 + DAY);
    const created = await call(rig, rig.tokens.olga, 'POST', `/api/v1/incidents/${id}/postmortem`, {});
    expect(created.status).toBe(201);
    const pm = created.body.postmortem;
    expect(pm.requirement).toEqual({
      required: true,
      reasons: ['SEV2 incidents always require a postmortem', "consumed 67% of the checkout-availability SLO's 28-day budget, more than the 20% threshold"],
      topPriorityActionRequired: true,
    });
    expect(pm.sections.find((s: { key: string }) => s.key === 'impact').body).toContain('- Time to detect (first bad minute to page): 30 min');
    expect(pm.participants).toEqual(expect.arrayContaining(['olga', 'pete']));
    expect((await call(rig, rig.tokens.pete, 'PATCH', `/api/v1/postmortems/${pm.id}`, { sections: { summary: 'Checkout failed for 0.2% of requests for 50 minutes.', contributingCauses: 'No canary stage for checkout deploys.' } })).status).toBe(200);
    expect((await call(rig, rig.tokens.pete, 'POST', `/api/v1/postmortems/${pm.id}/submit`)).status).toBe(200);
    const refused = await call(rig, rig.tokens.pete, 'POST', `/api/v1/postmortems/${pm.id}/publish`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('needs at least one P0 action item');

    const p0 = await call(rig, rig.tokens.pete, 'POST', '/api/v1/actions', { postmortemId: pm.id, title: 'Canary stage for <checkout> deploys', owner: 'carol', dueAt: T0 + 7 * DAY, priority: 'P0' });
    expect(p0.status).toBe(201);
    expect(p0.body.action).toMatchObject({ source: 'postmortem', incidentId: id, postmortemId: pm.id });
    const p1 = await call(rig, rig.tokens.pete, 'POST', '/api/v1/actions', { incidentId: id, title: 'Alert on 5-minute error ratio', owner: 'dave', dueAt: T0 + 3 * DAY, priority: 'P1' });
    expect((await call(rig, rig.tokens.pete, 'POST', `/api/v1/postmortems/${pm.id}/publish`)).body.postmortem.state).toBe('published');
    const pmMd = await call(rig, rig.tokens.reader, 'GET', `/api/v1/postmortems/${pm.id}/markdown`);
    expect(pmMd.text).toContain('# Postmortem: \\<script\\>alert(1)\\</script\\> Checkout \\<b\\>errors\\</b\\>');
    expect(pmMd.text).toContain('| P0 | Canary stage for \\<checkout\\> deploys | carol | 2026-12-04 | open |');

    // A second page resolved as not actionable becomes a P0 follow-up owned by who resolved it.
    at(T0 + 2 * DAY);
    const noisy = await openPage('noisy-disk-alert');
    expect((await call(rig, rig.tokens.olga, 'POST', `/api/v1/pages/${noisy}/resolve`, { actionable: false })).status).toBe(200);

    at(T0 + 2 * DAY + 12 * 3_600_000);
    expect((await call(rig, rig.tokens.pete, 'PATCH', `/api/v1/actions/${p1.body.action.id}`, { status: 'done' })).body.action.doneAt).toBe(T0 + 2.5 * DAY);

    at(T0 + 10 * DAY);
    const report = (await call(rig, rig.tokens.reader, 'GET', '/api/v1/reports/follow-through?last=5')).body.report;
    expect(report.incidents.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(report.incidentItems).toEqual({ total: 2, shipped: 1, wontDo: 0, open: 1, overdue: 1 });
    expect(report.pageFollowUps).toEqual({ total: 1, shipped: 0, wontDo: 0, open: 1, overdue: 1 });
    expect(report.medianDaysToShip).toBeCloseTo(1.5, 9);
    expect(report.onTimeShare).toBe(1);
    expect(report.overdueByOwner.map((g: { owner: string; items: Array<{ id: string; daysOverdue: number }> }) => [g.owner, g.items.map((i) => i.daysOverdue)])).toEqual([['carol', [3]], ['token olga', [1]]]);

    const overdue = await call(rig, rig.tokens.reader, 'GET', '/api/v1/actions?overdue=true&owner=carol');
    expect(overdue.body.actions.map((a: { id: string }) => a.id)).toEqual([p0.body.action.id]);
    const followUps = await call(rig, rig.tokens.reader, 'GET', '/api/v1/actions?owner=token%20olga');
    expect(followUps.body.actions).toEqual([expect.objectContaining({ source: 'page', pageId: noisy, priority: 'P0', createdAt: T0 + 2 * DAY })]);

    const digest = (await call(rig, rig.tokens.reader, 'GET', '/api/v1/reports/digest?last=5')).body.digest;
    expect(digest.subject).toBe('sloop follow-through: 2 overdue action items (week of 2026-12-07)');
    expect(digest.html).toContain('Canary stage for &lt;checkout&gt; deploys');
    expect(digest.html).not.toContain('<checkout>');
  }, 60_000);

  it('keeps every one of several concurrent changes to one incident (version check, reload, re-apply)', async () => {
    const { body } = await call(rig, rig.tokens.olga, 'POST', '/api/v1/incidents', { title: 'Concurrent notes', severity: 'SEV3' });
    const id: string = body.incident.id;
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => call(rig, i % 2 ? rig.tokens.olga : rig.tokens.pete, 'POST', `/api/v1/incidents/${id}/notes`, { text: `note ${i}` })));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    await rig.services.chat.idle();
    const entries = await timeline(id);
    expect(entries.filter((e) => e.kind === 'note').map((e) => e.message).sort()).toEqual(['note 0', 'note 1', 'note 2', 'note 3', 'note 4', 'note 5']);
    // Every change (declaration, six notes, one chat result per post) was saved on top of the previous one.
    const chatResults = entries.filter((e) => e.kind === 'chatDelivery').length;
    expect(chatResults).toBe(7);
    const shown = (await call(rig, rig.tokens.reader, 'GET', `/api/v1/incidents/${id}`)).body;
    expect(shown.incident.version).toBe(1 + 6 + chatResults);
    expect(shown.incident.timelineSeq).toBe(entries.length + 1);
    expect(shown.incident.participants.sort()).toEqual(['olga', 'pete']);
  });

  it('refuses writes with a read token and names every bad field', async () => {
    const denied = await call(rig, rig.tokens.reader, 'POST', '/api/v1/incidents', { title: 'x', severity: 'SEV3' });
    expect(denied.status).toBe(403);
    const bad = await call(rig, rig.tokens.olga, 'POST', '/api/v1/incidents', { title: '', severity: 'SEV9', services: 'shop' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems.map((p: { path: string }) => p.path)).toEqual(['body.services']);
    const meaning = await call(rig, rig.tokens.olga, 'POST', '/api/v1/incidents', { title: ' ', severity: 'SEV9' });
    expect(meaning.status).toBe(400);
    expect(meaning.body.error.problems).toEqual([
      { path: 'title', message: 'is required; give the incident title' },
      { path: 'severity', message: '"SEV9" is not a valid severity; use one of SEV1, SEV2, SEV3' },
    ]);
    const action = await call(rig, rig.tokens.olga, 'POST', '/api/v1/actions', { incidentId: 'INC-999', title: 'x', owner: 'a', dueAt: T0 });
    expect(action.body.error.problems).toEqual([{ path: 'incidentId', message: 'no incident "INC-999"; list them with GET /api/v1/incidents' }]);
  });
});
