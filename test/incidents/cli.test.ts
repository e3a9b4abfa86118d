/**
 * The incident, postmortem and actions commands against a real server on port 0 (SQLite):
 * human and JSON output, exit codes for refused tokens, conflicts and an unreachable server,
 * and sending the digest to a local webhook and SMTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { startSmtpReceiver, type TestReceiver } from '../../src/notify/receivers.case.js';
import { DAY, startIncidentRig, T0, type IncidentRig } from './support/rig.js';

let rig: IncidentRig;
let server: string;
let smtp: TestReceiver;
beforeAll(async () => {
  smtp = await startSmtpReceiver(() => 'ok');
  rig = await startIncidentRig('sqlite', {
    env: (chatUrl) => ({ SLOOP_DIGEST_WEBHOOK_URL: chatUrl.replace('/services/', '/digest/'), SLOOP_DIGEST_EMAIL: 'sre-leads@example.com', SLOOP_SMTP_URL: smtp.url, SLOOP_SMTP_FROM: 'sloop <sloop@example.com>' }),
  });
  server = await rig.runtime.app.listen({ port: 0, host: '127.0.0.1' });
}, 30_000);
afterAll(async () => {
  await rig?.close();
  await smtp?.close();
});

async function sloop(token: string, ...args: string[]): Promise<{ code: number; out: string; err: string; json: any }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIO = { interactive: false, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
  const code = await main(['node', 'sloop', ...args, '--server', server, '--token', token], io);
  const out = stdout.join('\n');
  let json: unknown = null;
  try {
    json = JSON.parse(out);
  } catch {
    // human output
  }
  return { code, out, err: stderr.join('\n'), json };
}

describe('sloop incident, postmortem and actions', () => {
  it('declares, assigns roles, notes, updates, shows and resolves an incident', async () => {
    const declared = await sloop(rig.tokens.olga, 'incident', 'declare', '--title', 'Search slow', '--severity', 'SEV2', '--services', 'shop,search', '--json');
    expect(declared.code).toBe(0);
    const id: string = declared.json.incident.id;
    expect(declared.json.incident.services).toEqual(['shop', 'search']);

    const role = await sloop(rig.tokens.olga, 'incident', 'role', id, 'assign', 'commander', 'olga');
    expect(role.code).toBe(0);
    expect(role.out).toContain(`${id}: assign commander`);
    expect(role.out).toContain('notice: SEV2 needs Resolver lead; assign it.');
    const held = await sloop(rig.tokens.olga, 'incident', 'role', id, 'assign', 'commander', 'pete');
    expect(held.code).toBe(1);
    expect(held.err).toContain('Incident Commander is held by olga; hand the role over instead of assigning it');

    expect((await sloop(rig.tokens.pete, 'incident', 'note', id, 'Index rebuild running', '--pin')).code).toBe(0);
    expect((await sloop(rig.tokens.pete, 'incident', 'update', id, '--status', 'monitoring')).out).toContain('Status changed from investigating to monitoring');
    const shown = await sloop(rig.tokens.reader, 'incident', 'show', id);
    expect(shown.out).toContain('severity SEV2: Significant degradation, or one critical feature down.');
    expect(shown.out).toContain('roles: Incident Commander: olga');
    expect(shown.out).toContain('notice: SEV2 needs Resolver lead; assign it.');
    expect(shown.out).toMatch(/★ pete: Index rebuild running/);
    const md = await sloop(rig.tokens.reader, 'incident', 'show', id, '--markdown');
    expect(md.out).toContain('### Key moments');
    expect((await sloop(rig.tokens.reader, 'incident', 'list', '--open')).out).toContain(`${id}  SEV2  monitoring`);

    const released = await sloop(rig.tokens.olga, 'incident', 'role', id, 'release', 'commander');
    expect(released.out).toContain('olga released Incident Commander');
    const denied = await sloop(rig.tokens.reader, 'incident', 'resolve', id);
    expect(denied.code).toBe(5);
    expect((await sloop(rig.tokens.pete, 'incident', 'resolve', id, '--note', 'done')).code).toBe(0);
    expect((await sloop(rig.tokens.pete, 'incident', 'resolve', id)).code).toBe(1);
  });

  it('creates a postmortem, refuses to publish it early, tracks action items and sends the digest', async () => {
    const { json } = await sloop(rig.tokens.olga, 'incident', 'declare', '--title', 'Payments down', '--severity', 'SEV1', '--json');
    const id: string = json.incident.id;
    await sloop(rig.tokens.olga, 'incident', 'resolve', id);
    const created = await sloop(rig.tokens.olga, 'postmortem', 'create', id);
    expect(created.code).toBe(0);
    expect(created.out).toContain('required: SEV1 incidents always require a postmortem');
    const pmId = /^(PM-\d+):/.exec(created.out)![1]!;
    const early = await sloop(rig.tokens.olga, 'postmortem', 'publish', pmId);
    expect(early.code).toBe(1);
    expect(early.err).toContain('submit it for review before publishing');
    expect((await sloop(rig.tokens.reader, 'postmortem', 'show', pmId, '--markdown')).out).toContain('# Postmortem: Payments down');

    const item = await sloop(rig.tokens.olga, 'actions', 'create', '--title', 'Retry budget for payments', '--owner', 'erin', '--due', String(T0 - DAY), '--priority', 'P0', '--postmortem', pmId, '--json');
    expect(item.code).toBe(0);
    const overdue = await sloop(rig.tokens.reader, 'actions', 'list', '--overdue', '--owner', 'erin');
    expect(overdue.out).toBe(`${item.json.action.id}  P0  open         due 2026-11-26  erin  Retry budget for payments (${id})`);
    const report = await sloop(rig.tokens.reader, 'actions', 'report', '--last', '1');
    expect(report.out).toContain('Last 1 incident(s): 1 action items, 0 shipped, 1 open (1 overdue)');
    expect(report.out).toContain(`Overdue for erin:\n  ${item.json.action.id} P0 Retry budget for payments (1 day(s) overdue)`);

    // Six days after resolution: this draft is a day overdue; the SEV2 incident above never got one.
    rig.clock.now = T0 + 6 * DAY;
    const overduePms = await sloop(rig.tokens.reader, 'postmortem', 'overdue', '--json');
    expect(overduePms.json.overdue).toEqual(expect.arrayContaining([
      expect.objectContaining({ incidentId: id, postmortemId: pmId, state: 'draft', daysOverdue: 1 }),
      expect.objectContaining({ postmortemId: null, state: 'missing', daysOverdue: 1 }),
    ]));
    rig.clock.now = T0;

    const sent = await sloop(rig.tokens.olga, 'actions', 'digest', '--send', '--json');
    expect(sent.code).toBe(0);
    expect(sent.json.results).toEqual([expect.objectContaining({ ok: true, channel: 'webhook' }), expect.objectContaining({ ok: true, channel: 'email', destination: 'sre-leads@example.com' })]);
    expect(smtp.accepted()).toHaveLength(1);
    expect(smtp.accepted()[0]!.headers.to).toBe('sre-leads@example.com');
    expect(smtp.accepted()[0]!.headers.subject).toMatch(/^sloop follow-through: \d+ overdue action items? \(week of /);
    const received = rig.chat.received.at(-1) as unknown as { type: string; subject: string; html: string };
    expect(received).toMatchObject({ type: 'sloop.followThroughDigest' });
    expect(received.subject).toMatch(/overdue action item/);
  });

  it('says what went wrong: unreachable server (4), bad input (1), and help (0)', async () => {
    const stdout: string[] = [];
    const io: CliIO = { interactive: false, out: (t) => stdout.push(t), err: (t) => stdout.push(t) };
    expect(await main(['node', 'sloop', 'incident', 'list', '--server', 'http://127.0.0.1:1', '--token', 'x'], io)).toBe(4);
    expect(stdout.join('')).toContain('cannot reach the sloop server at http://127.0.0.1:1');
    const bad = await sloop(rig.tokens.olga, 'incident', 'declare', '--title', 'x', '--severity', 'SEV9');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('severity: "SEV9" is not a valid severity; use one of SEV1, SEV2, SEV3');
    const help: string[] = [];
    expect(await main(['node', 'sloop', 'incident', 'declare', '--help'], { interactive: false, out: (t) => help.push(t), err: (t) => help.push(t) })).toBe(0);
    expect(help.join('')).toContain('SEV1: Full or near-full outage of a critical journey.');
  });
});
