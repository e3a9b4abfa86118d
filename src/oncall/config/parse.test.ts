import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { formatDiagnostic } from '../../errors/index.js';
import { parseOnCallDocument } from './parse.js';
import { computeFinalSchedule } from '../schedule/index.js';

function parse(text: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return parseOnCallDocument(doc, lineCounter, 'oncall.yaml');
}
const messages = (text: string) => parse(text).diagnostics.map(formatDiagnostic);

const valid = `apiVersion: sloop/v1
kind: OnCall
people:
  - id: alice
    name: Alice Example
    email: alice@example.com
    timeZone: Europe/Berlin
    contactMethods:
      - { type: webhook, url: "https://hooks.example.com/alice", secret: s3cret }
      - { type: email }
    notificationRules:
      - { contactMethod: webhook, after: now }
      - { contactMethod: email, after: 2m }
  - { id: bob, name: Bob, timeZone: America/Chicago, contactMethods: [{ type: slack, url: "https://hooks.slack.com/x" }] }
  - { id: carol, name: Carol, timeZone: UTC, contactMethods: [{ id: t, type: teams, url: "https://example.webhook.office.com/x" }] }
  - { id: dave, name: Dave, timeZone: UTC, email: dave@example.com, contactMethods: [{ type: email }] }
teams:
  - { id: payments, name: Payments, members: [alice, bob, carol, dave] }
schedules:
  - name: payments-primary
    timeZone: Europe/Berlin
    team: payments
    fairness: { maxShare: 0.25, horizonDays: 28 }
    layers:
      - name: weekly
        participants: [alice, bob, carol, dave]
        turn: 1w
        handoffTime: "09:00"
        start: 2026-01-05
      - name: nights
        participants: [dave, carol]
        turn: { days: 1 }
        start: 2026-01-05
        handoffTime: "18:00"
        handoffMode: fixed
        restrictions:
          - timeOfDay: "18:00-09:00"
            days: [mon, tue, wed, thu, fri]
          - weekly: "fri 18:00 - mon 09:00"
escalationPolicies:
  - name: ignored-here
routes: []
`;

describe('parseOnCallDocument', () => {
  it('reads people, contact methods, rules, teams and schedules from a valid document', () => {
    const r = parse(valid);
    expect(r.diagnostics).toEqual([]);
    expect(r.people.map((p) => p.id)).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect(r.people[0].contactMethods).toEqual([
      { id: 'webhook', type: 'webhook', url: 'https://hooks.example.com/alice', secret: 's3cret' },
      { id: 'email', type: 'email', address: 'alice@example.com' },
    ]);
    expect(r.people[0].notificationRules).toEqual([{ contactMethod: 'webhook', afterSeconds: 0 }, { contactMethod: 'email', afterSeconds: 120 }]);
    expect(r.people[1].notificationRules).toEqual([{ contactMethod: 'slack', afterSeconds: 0 }]);
    expect(r.teams).toEqual([{ id: 'payments', name: 'Payments', members: ['alice', 'bob', 'carol', 'dave'] }]);
    const [s] = r.schedules;
    expect(s.layers.map((l) => [l.name, l.turn, l.handoffMinute, l.handoffMode])).toEqual([
      ['weekly', { unit: 'weeks', count: 1 }, 540, 'wallclock'],
      ['nights', { unit: 'days', count: 1 }, 1080, 'fixed'],
    ]);
    expect(s.layers[1].restrictions).toHaveLength(6);
    expect(s.fairness).toEqual({ maxShare: 0.25, horizonDays: 28, minRotationSize: 4 });
  });

  it('produces a schedule the rotation math can compute', () => {
    const [s] = parse(valid).schedules;
    const shifts = computeFinalSchedule(s, [], { from: Date.parse('2026-01-05T08:00:00Z'), to: Date.parse('2026-01-06T08:00:00Z') });
    // 09:00-18:00 Berlin alice (weekly); 18:00-09:00 dave (nights, higher layer).
    expect(shifts.map((x) => [new Date(x.start).toISOString(), x.people[0]])).toEqual([
      ['2026-01-05T08:00:00.000Z', 'alice'],
      ['2026-01-05T17:00:00.000Z', 'dave'],
    ]);
  });

  it('reports every problem at once with file, line, column and field', () => {
    const bad = `apiVersion: sloop/v1
kind: OnCall
people:
  - { id: alice, name: Alice, timeZone: Mars/Olympus, contactMethods: [{ type: pager }] }
  - { id: bob, name: Bob, timeZone: UTC, colour: blue }
schedules:
  - name: primary
    timeZone: Europe/Berlin
    layers:
      - name: one
        participants: [alice, zed]
        turn: 90m
        handoffTime: "25:00"
        start: 2026-02-30
        restrictions:
          - { timeOfDay: "09:00-09:00" }
          - { days: [] }
          - { weekly: "fri 18:00 - fri 18:00" }
      - name: two
        participants: [bob]
        turn: 1mo
        handoffMode: fixed
        start: 2026-01-01
`;
    expect(messages(bad)).toEqual([
      'oncall.yaml:4:41: error: people[0].timeZone: "Mars/Olympus" is not an IANA time zone; use a name like Europe/Berlin, America/Chicago or UTC',
      'oncall.yaml:4:80: error: people[0].contactMethods[0].type: unknown contact method type "pager"; use webhook, slack, teams or email',
      'oncall.yaml:5:42: error: people[1].colour: unknown field; allowed fields: id, name, email, timeZone, contactMethods, notificationRules',
      'oncall.yaml:5:5: warning: people[1].contactMethods: bob has no contact methods, so pages cannot reach them; add at least one (webhook, slack, teams or email)',
      'oncall.yaml:11:31: error: schedules[0].layers[0].participants[1]: unknown person "zed"; declare them under people (known: alice, bob)',
      'oncall.yaml:12:15: error: schedules[0].layers[0].turn: "90m" is ambiguous: use `90mo` for months (turns shorter than an hour are not supported)',
      'oncall.yaml:13:22: error: schedules[0].layers[0].handoffTime: "25:00" is not a time of day; write HH:mm, e.g. "09:00"',
      'oncall.yaml:14:16: error: schedules[0].layers[0].start: "2026-02-30" is not a date; write YYYY-MM-DD',
      'oncall.yaml:16:26: error: schedules[0].layers[0].restrictions[0].timeOfDay: "09:00-09:00" is empty (it starts and ends at the same time), so it never matches; for the whole day leave timeOfDay out',
      'oncall.yaml:17:21: error: schedules[0].layers[0].restrictions[1].days: is empty, so this restriction never matches; list at least one day or remove the restriction',
      'oncall.yaml:18:23: error: schedules[0].layers[0].restrictions[2].weekly: "fri 18:00 - fri 18:00" starts and ends at the same moment; for a full week leave the restriction out',
      'oncall.yaml:22:22: error: schedules[0].layers[1].handoffMode: a month has no fixed length; use handoffMode: wallclock or a turn in days or weeks',
    ]);
  });

  it('rejects a wrong kind and a misspelt top-level key with a suggestion', () => {
    expect(messages('apiVersion: sloop/v1\nkind: SLO\nshedules: []\n')).toEqual([
      'oncall.yaml:3:1: error: shedules: unknown field; did you mean "schedules"?',
      'oncall.yaml:2:7: error: kind: must be `OnCall` for people, teams and schedules',
    ]);
  });

  it('warns that coOnCall on the first layer has no effect', () => {
    const doc = valid.replace('        turn: 1w\n', '        turn: 1w\n        coOnCall: true\n');
    expect(messages(doc)).toEqual([
      'oncall.yaml:28:19: warning: schedules[0].layers[0].coOnCall: the first layer has no layer before it to share on-call with, so coOnCall has no effect; remove it or move the layer down',
    ]);
  });

  it('reports a layer whose active range ends before it starts as never on call', () => {
    const doc = valid.replace('        turn: 1w\n', '        turn: 1w\n        activeUntil: 2025-12-01T00:00\n');
    expect(messages(doc)).toEqual([
      'oncall.yaml:25:9: error: schedules[0].layers[0]: this layer is never on call: its restrictions and active range leave no time in its first eight weeks; check them',
    ]);
  });

  it('rejects an empty participant list', () => {
    const doc = valid.replace('participants: [alice, bob, carol, dave]\n        turn: 1w', 'participants: []\n        turn: 1w');
    expect(messages(doc)).toEqual(['oncall.yaml:26:23: error: schedules[0].layers[0].participants: is empty; list at least one person id']);
  });
});
