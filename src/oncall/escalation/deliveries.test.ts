import { describe, expect, it } from 'vitest';
import type { Person } from '../schedule/model.js';
import { decide } from './decide.js';
import { isDeliveryStillWanted, planDeliveries, type OnCallDirectory } from './deliveries.js';
import type { EscalationPolicy } from './model.js';
import type { PageAction } from './page.js';

const T0 = Date.UTC(2026, 10, 27, 9, 0);

function person(id: string, fields: Partial<Person> = {}): Person {
  return {
    id,
    name: id,
    timeZone: 'UTC',
    contactMethods: [
      { id: 'hook', type: 'webhook', url: `http://127.0.0.1/${id}` },
      { id: 'mail', type: 'email', address: `${id}@example.com` },
    ],
    notificationRules: [
      { contactMethod: 'hook', afterSeconds: 0 },
      { contactMethod: 'mail', afterSeconds: 120 },
    ],
    ...fields,
  };
}

function directory(people: Person[], onCall: Record<string, (at: number) => string[]> = {}, teams: Record<string, string[]> = {}): OnCallDirectory {
  return {
    resolveOnCall: (schedule, at) => onCall[schedule]?.(at) ?? [],
    teamMembers: (team) => teams[team] ?? [],
    person: (id) => people.find((p) => p.id === id),
  };
}

const notify = (targets: Extract<PageAction, { type: 'notify' }>['targets'], step: number | 'final' = 0): Extract<PageAction, { type: 'notify' }> => ({
  type: 'notify', pageId: 'p1', cycle: 0, step, repeat: 0, targets,
});

describe('planDeliveries', () => {
  it('expands each person\'s rules into timed deliveries (webhook now, email after 2 minutes)', () => {
    const plan = planDeliveries(notify([{ type: 'people', people: ['alice'] }]), directory([person('alice')]), T0);
    expect(plan).toEqual({
      deliveries: [
        { idempotencyKey: 'page/p1/c0/s0/r0/alice/hook/0', pageId: 'p1', cycle: 0, step: 0, repeat: 0, personId: 'alice', contactMethodId: 'hook', ruleIndex: 0, dueAt: T0, fallbackContactMethodIds: ['mail'] },
        { idempotencyKey: 'page/p1/c0/s0/r0/alice/mail/1', pageId: 'p1', cycle: 0, step: 0, repeat: 0, personId: 'alice', contactMethodId: 'mail', ruleIndex: 1, dueAt: T0 + 120_000, fallbackContactMethodIds: ['hook'] },
      ],
      withoutRules: [],
      unreached: [],
    });
  });

  it('resolves a schedule to whoever is on call at the moment the step fires', () => {
    const dir = directory([person('alice'), person('bob')], { primary: (at) => (at < T0 + 3_600_000 ? ['alice'] : ['bob']) });
    const early = planDeliveries(notify([{ type: 'schedule', schedule: 'primary' }]), dir, T0);
    const late = planDeliveries(notify([{ type: 'schedule', schedule: 'primary' }]), dir, T0 + 3_600_000);
    expect(new Set(early.deliveries.map((d) => d.personId))).toEqual(new Set(['alice']));
    expect(new Set(late.deliveries.map((d) => d.personId))).toEqual(new Set(['bob']));
  });

  it('pages a person named by two targets of one step only once', () => {
    const dir = directory([person('alice'), person('carol')], { primary: () => ['alice'] }, { sre: ['alice', 'carol'] });
    const plan = planDeliveries(notify([{ type: 'schedule', schedule: 'primary' }, { type: 'team', team: 'sre' }]), dir, T0);
    expect(plan.deliveries.map((d) => `${d.personId}/${d.contactMethodId}`)).toEqual(['alice/hook', 'alice/mail', 'carol/hook', 'carol/mail']);
  });

  it('reports schedule gaps, empty teams and people nobody can reach', () => {
    const dir = directory([person('dave', { contactMethods: [], notificationRules: [] })], {}, {});
    const plan = planDeliveries(notify([{ type: 'schedule', schedule: 'primary' }, { type: 'team', team: 'sre' }, { type: 'people', people: ['dave', 'erin'] }]), dir, T0);
    expect(plan.deliveries).toEqual([]);
    expect(plan.unreached).toEqual([
      { target: 'schedule primary', reason: 'has nobody on call right now (a gap)' },
      { target: 'team sre', reason: 'has no members' },
      { target: 'person dave', reason: 'has no contact methods; add one under people' },
      { target: 'person erin', reason: 'is not defined under people' },
    ]);
  });

  it('pages someone without rules on their first contact method and says so', () => {
    const plan = planDeliveries(notify([{ type: 'people', people: ['frank'] }]), directory([person('frank', { notificationRules: [] })]), T0);
    expect(plan.deliveries.map((d) => [d.contactMethodId, d.dueAt])).toEqual([['hook', T0]]);
    expect(plan.withoutRules).toEqual(['frank']);
  });

  it('gives every (cycle, step, repeat, person, method, rule) its own idempotency key', () => {
    const dir = directory([person('alice')]);
    const keys = [0, 1, 'final' as const].flatMap((step) => planDeliveries(notify([{ type: 'people', people: ['alice'] }], step), dir, T0).deliveries.map((d) => d.idempotencyKey));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('page/p1/c0/sfinal/r0/alice/mail/1');
  });
});

describe('isDeliveryStillWanted', () => {
  const policy: EscalationPolicy = {
    name: 'p', steps: [{ targets: [{ type: 'people', people: ['alice'] }], waitMs: 60_000 }], repeat: 0, finalStep: null, ackTimeoutMs: 60_000,
    origin: { file: 'f', line: 1, column: 1 },
  };
  const opened = decide(null, policy, { type: 'trigger', pageId: 'p1', dedupKey: 'k', alert: { source: 'slo', summary: 's', labels: {}, annotations: {}, runbookUrl: null } }, T0);

  it('keeps a later rule of an earlier step while the page is still triggered', () => {
    expect(isDeliveryStillWanted(opened.page, { pageId: 'p1', cycle: 0 })).toBe(true);
  });

  it('drops pending deliveries once someone acknowledged, and those of an older cycle', () => {
    const acked = decide(opened.page, policy, { type: 'acknowledge', by: 'bob' }, T0 + 1);
    expect(isDeliveryStillWanted(acked.page, { pageId: 'p1', cycle: 0 })).toBe(false);
    const reopened = decide(acked.page, policy, { type: 'timerFired', timerId: acked.page.timer!.id }, T0 + 60_001);
    expect(isDeliveryStillWanted(reopened.page, { pageId: 'p1', cycle: 0 })).toBe(false);
    expect(isDeliveryStillWanted(reopened.page, { pageId: 'p1', cycle: 1 })).toBe(true);
  });
});
