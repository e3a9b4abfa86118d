import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { formatDiagnostic } from '../../errors/index.js';
import { parseEscalationSections } from './parse.js';
import { checkEscalationReferences } from './references.js';

function parse(text: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const result = parseEscalationSections(doc, lineCounter, 'oncall.yaml');
  return { ...result, messages: result.diagnostics.map(formatDiagnostic) };
}

const VALID = `apiVersion: sloop/v1
kind: OnCall
people: [{id: alice}]          # someone else's section: ignored here
escalationPolicies:
  - name: checkout-critical
    description: Checkout is losing money
    ackTimeout: 30m
    repeat: 2
    steps:
      - notify: {schedule: checkout-primary}
        wait: 5m
      - notify:
          - schedule: checkout-secondary
          - people: [alice, bob]
        wait: 1h30m
    finalStep:
      notify: {team: sre-leads}
  - name: catch-all
    steps:
      - notify: {team: sre}
        wait: 15m
routes:
  - match: {service: checkout, severity: [page, critical]}
    policy: checkout-critical
    groupBy: [alertname, service]
  - default: true
    policy: catch-all
`;

describe('parseEscalationSections', () => {
  it('reads policies with steps, waits, repeat, final step and ack timeout', () => {
    const { policies, diagnostics } = parse(VALID);
    expect(diagnostics).toEqual([]);
    expect(policies).toHaveLength(2);
    const [critical, catchAll] = policies;
    expect(critical).toMatchObject({
      name: 'checkout-critical',
      description: 'Checkout is losing money',
      repeat: 2,
      ackTimeoutMs: 30 * 60_000,
      steps: [
        { targets: [{ type: 'schedule', schedule: 'checkout-primary' }], waitMs: 5 * 60_000 },
        { targets: [{ type: 'schedule', schedule: 'checkout-secondary' }, { type: 'people', people: ['alice', 'bob'] }], waitMs: 90 * 60_000 },
      ],
      finalStep: { targets: [{ type: 'team', team: 'sre-leads' }] },
      origin: { file: 'oncall.yaml', line: 5, column: 5 },
    });
    expect(catchAll).toMatchObject({ repeat: 0, finalStep: null, ackTimeoutMs: null });
  });

  it('reads routes with label matches, grouping labels and one default', () => {
    const { routes } = parse(VALID);
    expect(routes).toEqual([
      { match: { service: ['checkout'], severity: ['page', 'critical'] }, policy: 'checkout-critical', isDefault: false, groupBy: ['alertname', 'service'], origin: { file: 'oncall.yaml', line: 23, column: 5 } },
      { match: {}, policy: 'catch-all', isDefault: true, groupBy: null, origin: { file: 'oncall.yaml', line: 26, column: 5 } },
    ]);
  });

  it('returns nothing and no diagnostics when the document has neither section', () => {
    expect(parse('apiVersion: sloop/v1\nkind: OnCall\nschedules: []\n')).toMatchObject({ policies: [], routes: [], diagnostics: [] });
  });

  it('reports each mistake with file:line:column, the field path and what to do', () => {
    const { messages, policies } = parse(`escalationPolicies:
  - name: a
    repeat: 50
    steps:
      - notify: {schedule: primary}
        wait: 5
      - notify: {rota: x}
        wiat: 5m
  - name: b
    steps: []
  - name: c
    steps:
      - wait: 10m
routes:
  - match: {service: checkout}
    policy: nope
  - policy: a
`);
    expect(policies).toEqual([]);
    expect(messages).toEqual([
      'oncall.yaml:6:15: error: escalationPolicies[0].steps[0].wait: must be a positive duration with a unit, for example `5m`, `90s` or `1h30m`',
      'oncall.yaml:8:9: warning: escalationPolicies[0].steps[1].wiat: unknown field, ignored; known fields are notify, wait',
      'oncall.yaml:7:17: error: escalationPolicies[0].steps[1].notify: must have exactly one of `schedule: NAME`, `people: [ID, ...]` or `team: NAME`',
      'oncall.yaml:7:9: error: escalationPolicies[0].steps[1].wait: is required: how long to wait for an acknowledgement before the next step, for example `wait: 5m`',
      'oncall.yaml:3:13: error: escalationPolicies[0].repeat: must be a whole number from 0 to 20: how many more times to run all steps when nobody acknowledges',
      'oncall.yaml:10:12: error: escalationPolicies[1].steps: is empty; list at least one step',
      'oncall.yaml:13:9: error: escalationPolicies[2].steps[0].notify: is required: say who this step pages, for example `notify: [{schedule: primary}, {people: [alice]}, {team: sre}]`',
      'oncall.yaml:16:13: error: routes[0].policy: unknown escalation policy "nope" (known: a, b, c); define it under escalationPolicies or fix the name',
      'oncall.yaml:17:5: error: routes[1].match: is required (labels to match, for example `match: {service: checkout}`), or mark the route `default: true`',
      'oncall.yaml:15:5: warning: routes: no default route: an alert that matches no route pages nobody; add `{default: true, policy: NAME}`',
    ]);
  });

  it('rejects a duplicate policy name and a second default route', () => {
    const { messages } = parse(`escalationPolicies:
  - name: a
    steps: [{notify: {team: sre}, wait: 5m}]
  - name: a
    steps: [{notify: {team: sre}, wait: 5m}]
routes:
  - {default: true, policy: a}
  - {default: true, policy: a}
`);
    expect(messages).toEqual([
      'oncall.yaml:4:5: error: escalationPolicies[1].name: policy name "a" is used twice; give each policy its own name',
      'oncall.yaml:8:5: error: routes: a second default route; keep exactly one `default: true` route',
    ]);
  });

  it('warns about a wait shorter than a minute', () => {
    const { messages } = parse(`escalationPolicies:
  - name: a
    steps: [{notify: {team: sre}, wait: 30s}]
`);
    expect(messages).toEqual([
      'oncall.yaml:3:41: warning: escalationPolicies[0].steps[0].wait: is under one minute; people rarely acknowledge that fast, so the next step will page too',
    ]);
  });
});

describe('checkEscalationReferences', () => {
  it('names every unknown schedule, team and person a policy uses', () => {
    const { policies } = parse(VALID);
    const diagnostics = checkEscalationReferences(policies, {
      people: ['alice'],
      teams: ['sre'],
      schedules: ['checkout-primary', 'checkout-secondary'],
    });
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'oncall.yaml:5:5: error: escalationPolicies[0].steps[1].notify[1]: unknown person "bob"; define them under people or fix the id',
      'oncall.yaml:5:5: error: escalationPolicies[0].finalStep.notify[0]: unknown team "sre-leads"; define it under teams or fix the name',
    ]);
  });
});
