import { describe, expect, it } from 'vitest';
import { incidentChatMessage, slackPayload, teamsPayload } from './chat-message.js';
import { defaultIncidentsConfig } from './config.js';
import { declareIncident } from './declare.js';
import { assignRole } from './roles.js';
import { T0 } from './test-builders.js';

const config = defaultIncidentsConfig();

describe('incident chat messages', () => {
  it('announces a declaration with severity, roles and the status page link', () => {
    const declared = declareIncident({ title: 'Login <errors> & timeouts', severity: 'SEV1', services: ['auth'] }, { id: 'INC-3', now: T0, by: 'alice', config });
    const msg = incidentChatMessage(declared.incident, declared.entries, { statusPageUrl: 'https://status.example.com' });
    expect(msg).toEqual({
      title: 'Incident declared: INC-3 Login <errors> & timeouts',
      lines: ['Severity SEV1 · status investigating', 'Services: auth', 'No roles assigned yet'],
      statusPageUrl: 'https://status.example.com',
      idempotencyKey: 'INC-3:INC-3/1',
    });
    const slack = slackPayload(msg);
    expect(slack.text).toBe('Incident declared: INC-3 Login &lt;errors&gt; &amp; timeouts\nSeverity SEV1 · status investigating\nServices: auth\nNo roles assigned yet');
    expect(slack.blocks[2]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '<https://status.example.com|Status page>' }] });
    const teams = teamsPayload(msg) as { attachments: Array<{ content: { actions: unknown[]; body: Array<{ text: string }> } }> };
    expect(teams.attachments[0]!.content.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Status page', url: 'https://status.example.com' }]);
    expect(teams.attachments[0]!.content.body.map((b) => b.text)).toEqual([msg.title, ...msg.lines]);
  });

  it('posts what a later change did, keyed by its last entry', () => {
    const declared = declareIncident({ title: 'Login errors', severity: 'SEV2' }, { id: 'INC-3', now: T0, by: 'alice', config });
    const change = assignRole(declared.incident, { role: 'commander', person: 'bob', by: 'alice' }, config, T0 + 1);
    const msg = incidentChatMessage(change.incident, change.entries, { statusPageUrl: null });
    expect(msg.title).toBe('Incident update: INC-3 Login errors');
    expect(msg.lines).toEqual(['Severity SEV2 · status investigating', 'Incident Commander: bob', 'bob is Incident Commander']);
    expect(msg.idempotencyKey).toBe('INC-3:INC-3/2');
    expect(slackPayload(msg).blocks).toHaveLength(2);
  });
});
