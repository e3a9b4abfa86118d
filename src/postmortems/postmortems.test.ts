import { describe, expect, it } from 'vitest';
import { createActionItem, updateActionItem } from '../actions/transitions.js';
import { ConflictError, InputError } from '../errors/index.js';
import { defaultIncidentsConfig, type PostmortemPolicy } from '../incidents/config.js';
import type { IncidentImpact, SloImpact } from '../incidents/impact.js';
import type { TimelineEntry } from '../incidents/model.js';
import { declareIncident } from '../incidents/declare.js';
import { assignRole } from '../incidents/roles.js';
import { DAY, MIN, T0, newIncident } from '../incidents/test-builders.js';
import { addNote, resolveIncident } from '../incidents/transitions.js';
import { createPostmortem } from './create.js';
import { editSection, publishPostmortem, returnToDraft, submitForReview } from './lifecycle.js';
import { renderPostmortemMarkdown } from './markdown.js';
import { overduePostmortems, postmortemRequired } from './required.js';

const config = defaultIncidentsConfig();
const policy: PostmortemPolicy = config.postmortems;

function sloImpact(consumed: number): SloImpact {
  return { slo: 'login-availability', windowLabel: '28-day', consumed, badEvents: 1500, totalEvents: 3000, firstBadAt: T0 - 10 * MIN, sentence: `consumed ${Math.round(consumed * 100)}% of the login-availability SLO's 28-day budget` };
}

function impact(consumed: number): IncidentImpact {
  return { impactStartedAt: T0 - 10 * MIN, endedAt: T0 + 20 * MIN, ongoing: false, durationMinutes: 30, detectionMinutes: 5, acknowledgeMinutes: 3, mitigateMinutes: 25, slos: [sloImpact(consumed)], maxConsumed: consumed };
}

/** A resolved SEV3 with a pinned note, a role and a customer summary. */
function resolvedIncident() {
  const declared = declareIncident({ title: 'Login failures', severity: 'SEV3', customerSummary: 'Some users could not log in.' }, { id: 'INC-1', now: T0, by: 'alice', config });
  const entries: TimelineEntry[] = [...declared.entries];
  let change = assignRole(declared.incident, { role: 'commander', person: 'alice', by: 'alice' }, config, T0 + MIN);
  entries.push(...change.entries);
  change = addNote(change.incident, { author: 'bob', text: 'Rolled back release 42', pinned: true }, T0 + 10 * MIN);
  entries.push(...change.entries);
  change = resolveIncident(change.incident, 'alice', config, T0 + 20 * MIN);
  entries.push(...change.entries);
  return { incident: change.incident, entries };
}

describe('when a postmortem is required', () => {
  it('always for SEV1 and SEV2', () => {
    expect(postmortemRequired({ severity: 'SEV1' }, null, policy)).toEqual({ required: true, reasons: ['SEV1 incidents always require a postmortem'], topPriorityActionRequired: false });
  });

  it('for any severity that consumed more than the threshold, with a top-priority action item', () => {
    expect(postmortemRequired({ severity: 'SEV3' }, impact(0.37), policy)).toEqual({
      required: true,
      reasons: ["consumed 37% of the login-availability SLO's 28-day budget, more than the 20% threshold"],
      topPriorityActionRequired: true,
    });
  });

  it('not for a small SEV3', () => {
    expect(postmortemRequired({ severity: 'SEV3' }, impact(0.2), policy)).toEqual({ required: false, reasons: [], topPriorityActionRequired: false });
  });
});

describe('creating a postmortem from an incident', () => {
  it('prefills summary, impact, key moments and participants into the template', () => {
    const { incident, entries } = resolvedIncident();
    const pm = createPostmortem({ incident, entries, impact: impact(0.37), config }, { id: 'PM-1', now: T0 + DAY });
    const body = (key: string): string => pm.sections.find((s) => s.key === key)!.body;
    expect(pm.sections.map((s) => s.key)).toEqual(['summary', 'impact', 'timeline', 'contributingCauses', 'wentWell', 'wentPoorly', 'gotLucky', 'actionItems']);
    expect(body('summary')).toBe('Some users could not log in.');
    expect(body('impact')).toContain('- Time to detect (first bad minute to page): 5 min');
    expect(body('impact')).toContain("consumed 37% of the login-availability SLO's 28-day budget");
    expect(body('timeline').split('\n')).toEqual([
      '- 2026-11-20 14:00 UTC: Incident declared: Login failures (SEV3) (alice)',
      '- 2026-11-20 14:10 UTC: Rolled back release 42 (bob)',
      '- 2026-11-20 14:20 UTC: Incident resolved (alice)',
    ]);
    expect(body('contributingCauses')).toBe('');
    expect(pm.sections.find((s) => s.key === 'contributingCauses')!.prompt).toMatch(/guardrail.*dashboard.*alert/s);
    expect(pm.participants).toEqual(['alice', 'bob']);
    expect(pm.dueAt).toBe(T0 + 20 * MIN + 5 * DAY);
    expect(pm.requirement.topPriorityActionRequired).toBe(true);
  });
});

describe('review and publish', () => {
  function draft() {
    const { incident, entries } = resolvedIncident();
    return createPostmortem({ incident, entries, impact: impact(0.37), config }, { id: 'PM-1', now: T0 + DAY });
  }

  it('asks for contributing causes before review', () => {
    expect(() => submitForReview(draft(), T0)).toThrow(InputError);
    expect(() => submitForReview(draft(), T0)).toThrow('write Contributing causes before asking for review');
  });

  it('refuses to publish a budget-heavy postmortem without a P0 action item, then publishes with one', () => {
    let pm = editSection(draft(), 'contributingCauses', 'No canary stage; the error dashboard averaged over 1 h and hid the spike.', T0 + DAY);
    pm = submitForReview(pm, T0 + DAY);
    const p1 = createActionItem({ title: 'Alert on 5 min error ratio', owner: 'bob', dueAt: T0 + 9 * DAY, priority: 'P1' }, { source: 'postmortem', incidentId: pm.incidentId, postmortemId: pm.id }, { id: 'A-1', now: T0 + DAY });
    expect(() => publishPostmortem(pm, [p1], T0 + 2 * DAY)).toThrow(ConflictError);
    expect(() => publishPostmortem(pm, [p1], T0 + 2 * DAY)).toThrow(/needs at least one P0 action item/);
    let p0 = createActionItem({ title: 'Add a canary stage to auth deploys', owner: 'carol', dueAt: T0 + 9 * DAY, priority: 'P0' }, { source: 'postmortem', incidentId: pm.incidentId, postmortemId: pm.id }, { id: 'A-2', now: T0 + DAY });
    const dropped = updateActionItem(p0, { status: 'wont_do', wontDoReason: 'not now' }, T0 + DAY);
    expect(() => publishPostmortem(pm, [p1, dropped], T0 + 2 * DAY)).toThrow(ConflictError);
    p0 = { ...p0, trackerUrl: 'https://tracker.example/AUTH-9' };
    const published = publishPostmortem(pm, [p1, p0], T0 + 2 * DAY);
    expect(published).toMatchObject({ state: 'published', publishedAt: T0 + 2 * DAY });
    expect(() => editSection(published, 'summary', 'x', T0 + 3 * DAY)).toThrow(/published and can no longer change/);

    const md = renderPostmortemMarkdown(published, [p1, p0]);
    expect(md).toContain('# Postmortem: Login failures');
    expect(md).toContain('- State: Published on 2026-11-22 14:00 UTC');
    expect(md).toContain('| P0 | [Add a canary stage to auth deploys](https://tracker.example/AUTH-9) | carol | 2026-11-29 | open |');
    expect(md).toContain('## Where we got lucky\n\n_What could have made this much worse');
    expect(md).toContain('No canary stage; the error dashboard averaged over 1 h and hid the spike.');
  });

  it('only moves draft -> in review -> published, and back to draft from review', () => {
    const pm = editSection(draft(), 'contributingCauses', 'x', T0);
    expect(() => publishPostmortem(pm, [], T0)).toThrow(/submit it for review/);
    const back = returnToDraft(submitForReview(pm, T0), T0);
    expect(back.state).toBe('draft');
  });
});

describe('overdue postmortems', () => {
  it('lists unpublished postmortems past due and required ones never started', () => {
    const { incident, entries } = resolvedIncident();
    const pm = createPostmortem({ incident, entries, impact: impact(0.37), config }, { id: 'PM-1', now: T0 + DAY });
    const other = { ...newIncident({ severity: 'SEV1' }, 'INC-2'), resolvedAt: T0 };
    const result = overduePostmortems({
      postmortems: [pm],
      required: [
        { incident, requirement: pm.requirement },
        { incident: other, requirement: postmortemRequired(other, null, policy) },
      ],
      policy,
      now: T0 + 8 * DAY,
    });
    expect(result.map((o) => [o.incidentId, o.state, o.daysOverdue])).toEqual([
      ['INC-2', 'missing', 3],
      ['INC-1', 'draft', 2],
    ]);
  });
});
