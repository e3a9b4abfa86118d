/**
 * The whole incident workflow through the pure domain, in the order docs/incidents.md tells
 * it: declare from a page, roles, status page, resolve, impact from SLI data, postmortem,
 * action items, follow-through. Each step feeds the next, so a break anywhere fails here.
 */
import { describe, expect, it } from 'vitest';
import { actionItemFromPage, createActionItem, updateActionItem } from '../actions/transitions.js';
import { followThroughReport } from '../actions/follow-through.js';
import { defaultIncidentsConfig } from '../incidents/config.js';
import { declareIncident } from '../incidents/declare.js';
import { computeIncidentImpact } from '../incidents/impact.js';
import type { TimelineEntry } from '../incidents/model.js';
import { assignRole, handOverRole } from '../incidents/roles.js';
import { renderTimelineMarkdown } from '../incidents/timeline-markdown.js';
import { addNote, postStatusPageUpdate, recordEvent, resolveIncident } from '../incidents/transitions.js';
import { MinuteCounts } from '../slo/math/index.js';
import { buildStatusPageModel } from '../statuspage/build-model.js';
import { createPostmortem } from './create.js';
import { editSection, publishPostmortem, submitForReview } from './lifecycle.js';
import { renderPostmortemMarkdown } from './markdown.js';

const MIN = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 20, 14, 0);
const config = defaultIncidentsConfig();

describe('incident workflow from page to follow-through', () => {
  it('turns a page into an incident, a published postmortem and tracked action items', () => {
    const log: TimelineEntry[] = [];
    const page = { pageId: 'p-42', source: 'slo', summary: 'login-availability burning 14.4x', triggeredAt: T0 - 4 * MIN, acknowledgedAt: T0 - 2 * MIN, acknowledgedBy: 'olga', runbookUrl: null };
    let change = declareIncident({ title: 'Login errors', severity: 'SEV3', services: ['auth'], slos: ['login-availability'], customerSummary: 'Some sign-ins failed.', page }, { id: 'INC-1', now: T0, by: 'olga', config });
    log.push(...change.entries);
    change = assignRole(change.incident, { role: 'commander', person: 'olga', by: 'olga' }, config, T0 + MIN);
    log.push(...change.entries);
    change = assignRole(change.incident, { role: 'communicationsLead', person: 'olga', by: 'olga' }, config, T0 + MIN);
    expect(change.notices[0]).toContain('olga holds 2 roles');
    log.push(...change.entries);
    change = postStatusPageUpdate(change.incident, { by: 'olga', body: 'Some sign-ins fail; we are on it.' }, config, T0 + 2 * MIN);
    log.push(...change.entries);
    change = handOverRole(change.incident, { role: 'communicationsLead', person: 'pia', by: 'olga' }, config, T0 + 5 * MIN);
    log.push(...change.entries);
    change = recordEvent(change.incident, { type: 'runbookRun', at: T0 + 6 * MIN, by: 'olga', runbook: 'rollback-auth', outcome: 'succeeded' });
    log.push(...change.entries);
    change = addNote(change.incident, { author: 'olga', text: 'Rollback done, errors dropping', pinned: true }, T0 + 7 * MIN);
    log.push(...change.entries);
    change = postStatusPageUpdate(change.incident, { by: 'pia', body: 'A fix is in place; we are monitoring.', status: 'monitoring' }, config, T0 + 8 * MIN);
    log.push(...change.entries);

    const onPage = buildStatusPageModel({
      config: { title: 'Status', publicUrl: null, majorOutageThreshold: 0.25, uptimeDays: 90, historyDays: 14, components: [{ id: 'login', name: 'Login', group: null, description: '', services: ['auth'], journeys: [], slos: [] }] },
      severities: config.severities,
      incidents: [change.incident],
      maintenances: [],
      uptime: {},
      now: T0 + 9 * MIN,
    });
    expect(onPage.groups[0]!.components[0]!.status).toBe('degraded_performance');

    change = resolveIncident(change.incident, 'olga', config, T0 + 20 * MIN);
    log.push(...change.entries);
    const incident = change.incident;
    expect(renderTimelineMarkdown(incident, log)).toContain('Communications lead handed over from olga to pia');

    // 28 days of 1,000 events a minute; 30% fail from 6 minutes before the page until resolution.
    const endMinute = (T0 + 20 * MIN) / MIN;
    const start = endMinute - 40_320 - 60;
    const good = new Float64Array(40_320 + 120).fill(1000);
    const total = new Float64Array(40_320 + 120).fill(1000);
    for (let m = (T0 - 10 * MIN) / MIN; m < endMinute; m++) good[m - start] = 700;
    const impact = computeIncidentImpact(incident, [{ slo: { name: 'login-availability', objective: 0.999, window: { type: 'rolling', minutes: 40_320 }, budgeting: { method: 'occurrences' } }, counts: MinuteCounts.fromSeries(start, good, total) }], T0 + DAY);
    expect(impact.detectionMinutes).toBe(6);
    expect(impact.acknowledgeMinutes).toBe(2);
    expect(impact.slos[0]!.sentence).toBe("consumed 22% of the login-availability SLO's 28-day budget");

    let pm = createPostmortem({ incident, entries: log, impact, config }, { id: 'PM-1', now: T0 + DAY });
    expect(pm.requirement.reasons).toEqual(["consumed 22% of the login-availability SLO's 28-day budget, more than the 20% threshold"]);
    expect(pm.participants).toEqual(['olga', 'pia']);
    pm = submitForReview(editSection(pm, 'contributingCauses', 'Deploys skip the canary for config-only changes.', T0 + DAY), T0 + DAY);
    const fix = createActionItem({ title: 'Canary config-only deploys', owner: 'pia', dueAt: T0 + 8 * DAY, priority: 'P0' }, { source: 'postmortem', incidentId: incident.id, postmortemId: pm.id }, { id: 'A-1', now: T0 + DAY });
    pm = publishPostmortem(pm, [fix], T0 + 2 * DAY);
    expect(renderPostmortemMarkdown(pm, [fix])).toContain('| P0 | Canary config-only deploys | pia |');

    const shipped = updateActionItem(fix, { status: 'done' }, T0 + 4 * DAY);
    const noisy = actionItemFromPage({ pageId: 'p-43', title: 'Delete alert DiskAlmostFull', detail: 'not actionable' }, 'olga', { id: 'A-2', now: T0 + 2 * DAY });
    const report = followThroughReport({ incidents: [{ id: incident.id, title: incident.title, declaredAt: incident.declaredAt }], items: [shipped, noisy], now: T0 + 10 * DAY, lastIncidents: 5 });
    expect(report.incidentItems.shipped).toBe(1);
    expect(report.medianDaysToShip).toBe(3);
    expect(report.pageFollowUps).toMatchObject({ total: 1, overdue: 1 });
    expect(report.overdueByOwner.map((g) => g.owner)).toEqual(['olga']);
  });
});
