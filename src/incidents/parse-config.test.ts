import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../errors/index.js';
import { loadConfigFromText } from '../slo/spec/index.js';
import { resolveChatSettings, severityChoices } from './config.js';
import { incidentsConfigFromDocuments } from './parse-config.js';

function load(text: string) {
  const loaded = loadConfigFromText(text, 'incidents.yaml');
  expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([]);
  return incidentsConfigFromDocuments(loaded.documents);
}

describe('kind: Incidents config', () => {
  it('uses SEV1-SEV3 defaults when there is no Incidents document', () => {
    const { config, diagnostics } = incidentsConfigFromDocuments([]);
    expect(diagnostics).toEqual([]);
    expect(config.severities.map((s) => [s.id, s.requiresPostmortem, s.requiresStatusPageUpdate, s.requiredRoles.length])).toEqual([
      ['SEV1', true, true, 4],
      ['SEV2', true, true, 2],
      ['SEV3', false, false, 0],
    ]);
    expect(config.postmortems).toEqual({ budgetShareThreshold: 0.2, dueWithinDays: 5, requiredForSeverities: ['SEV1', 'SEV2'] });
    expect(severityChoices(config).map((c) => c.label)).toEqual([
      'SEV1: Full or near-full outage of a critical journey. All hands, executive communication, status page.',
      'SEV2: Significant degradation, or one critical feature down. On-call plus one or two more people.',
      'SEV3: Minor or contained. Handled in the rotation, no escalation.',
    ]);
    expect(config.templates[0]!.sections.map((s) => s.key)).toEqual(['summary', 'impact', 'timeline', 'contributingCauses', 'wentWell', 'wentPoorly', 'gotLucky', 'actionItems']);
  });

  it('is handed over by the SLO loader and parsed with every section', () => {
    const { config, diagnostics } = load(`apiVersion: sloop/v1
kind: Incidents
severities:
  - id: P1
    rubric: Everyone is affected.
    requiredRoles: [commander, communicationsLead]
    requiresStatusPageUpdate: true
    requiresPostmortem: true
    componentImpact: major_outage
  - id: P2
    rubric: Some are affected.
postmortems:
  budgetShareThreshold: 10%
  dueWithinDays: 3
  defaultTemplate: short
  templates:
    - name: short
      sections:
        - { key: summary, title: Summary, prompt: What happened? }
        - { key: actionItems, title: Action items }
chat:
  slack: { webhookUrlEnv: SLACK_INCIDENTS_WEBHOOK }
  teams: { webhookUrlEnv: TEAMS_HOOK }
  statusPageUrl: https://status.example.com
`);
    expect(diagnostics).toEqual([]);
    expect(config.severities.map((s) => s.id)).toEqual(['P1', 'P2']);
    expect(config.severities[1]).toMatchObject({ requiresPostmortem: false, componentImpact: 'degraded_performance', requiredRoles: [] });
    expect(config.postmortems).toEqual({ budgetShareThreshold: 0.1, dueWithinDays: 3, requiredForSeverities: ['P1'] });
    expect(config.defaultTemplate).toBe('short');
    expect(config.templates.map((t) => t.name)).toEqual(['default', 'short']);
    expect(resolveChatSettings(config.chat, { SLACK_INCIDENTS_WEBHOOK: 'https://hooks.slack.test/x' })).toEqual({
      slackWebhookUrl: 'https://hooks.slack.test/x',
      slackBotToken: null,
      teamsWebhookUrl: null,
      missing: ['TEAMS_HOOK'],
    });
  });

  it('reports positioned problems with the field and what to do', () => {
    const { diagnostics } = load(`apiVersion: sloop/v1
kind: Incidents
severities:
  - id: SEV1
    rubric: Outage.
    requiredRoles: [commander, boss]
    componentImpact: on_fire
  - id: SEV1
    rubric: again
postmortems:
  budgetShareThreshold: 150%
  dueWitinDays: 3
chat:
  slack: { webhookUrlEnv: "https://hooks.slack.com/services/T0/B0/secret" }
`);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'incidents.yaml:6:32: error: severities[0].requiredRoles[1]: unknown role "boss"; use commander, resolverLead, communicationsLead, scribe',
      'incidents.yaml:7:22: error: severities[0].componentImpact: "on_fire" is not a component impact; use degraded_performance, partial_outage, major_outage',
      'incidents.yaml:8:9: error: severities[1].id: severity "SEV1" is declared twice; keep one',
      'incidents.yaml:12:3: error: postmortems.dueWitinDays: unknown field; did you mean "dueWithinDays"?',
      'incidents.yaml:11:25: error: postmortems.budgetShareThreshold: "150%" is not a share of the budget; write a percentage such as 20% (or 0.2)',
      'incidents.yaml:14:27: error: chat.slack.webhookUrlEnv: "https://hooks.slack.com/services/T0/B0/secret" is not an environment variable name; name the variable that holds the secret (e.g. SLACK_INCIDENTS_WEBHOOK), not the secret itself',
    ]);
  });
});

describe('kind: Incidents digest schedule', () => {
  it('reads digest.weekly (day, time, zone) and leaves the schedule off when absent', () => {
    const on = load('apiVersion: sloop/v1\nkind: Incidents\ndigest:\n  weekly: { day: Monday, at: "09:00", timeZone: Europe/Berlin }\n');
    expect(on.diagnostics).toEqual([]);
    expect(on.config.digest).toEqual({ weekly: { day: 'monday', at: '09:00', timeZone: 'Europe/Berlin' } });
    expect(load('apiVersion: sloop/v1\nkind: Incidents\n').config.digest).toBeUndefined();
  });

  it('reports a bad weekday, time and zone with their positions and what to write instead', () => {
    const bad = load('apiVersion: sloop/v1\nkind: Incidents\ndigest:\n  weekly:\n    day: someday\n    at: "25:00"\n    timeZone: Mars/Olympus\n');
    expect(bad.config.digest).toBeUndefined();
    expect(bad.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/incidents\.yaml:5:\d+: error: digest\.weekly\.day: "someday" is not a weekday; use one of monday/);
    expect(bad.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/incidents\.yaml:6:\d+: .*"25:00" is not a time; write 24-hour HH:MM/);
    expect(bad.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/incidents\.yaml:7:\d+: .*"Mars\/Olympus" is not a time zone/);
  });
});
