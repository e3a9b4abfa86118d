/**
 * A real sloop runtime for the incident tests: a real store (SQLite in a temp dir, or a fresh
 * PostgreSQL database), the real config loader with SLO, OnCall and Incidents documents, an
 * adjustable clock, a Slack-shaped chat receiver and named tokens (note authors are token names).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncidentServices } from '../../../src/incidents/service/index.js';
import { createRuntime, type SloopRuntime } from '../../../src/server/runtime.js';
import { loadConfig } from '../../../src/slo/spec/index.js';
import { openStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/store.js';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.js';
import { startChatReceiver, type ChatReceiver } from './chat-receiver.js';

export const T0 = Date.parse('2026-11-27T12:00:00Z');
export const MIN = 60_000;
export const DAY = 86_400_000;

const CONFIG = (botToken: boolean, teams: boolean) => `apiVersion: sloop/v1
service:
  name: shop
slos:
  - name: checkout-availability
    objective: 99.9
    window: 28d
---
apiVersion: sloop/v1
kind: OnCall
people:
  - id: olga
    name: Olga
    timeZone: UTC
    contactMethods: [{ id: hook, type: webhook, url: "http://127.0.0.1:9/unused" }]
schedules:
  - name: primary
    timeZone: UTC
    layers:
      - { name: everyone, participants: [olga], turn: 1w, handoffTime: "00:00", start: 2026-01-05 }
escalationPolicies:
  - name: shop
    steps:
      - { notify: { schedule: primary }, wait: 10m }
routes:
  - { match: { severity: [page] }, policy: shop }
---
apiVersion: sloop/v1
kind: Incidents
chat:
  slack:
    webhookUrlEnv: SLACK_INCIDENTS_WEBHOOK
${botToken ? '    botTokenEnv: SLACK_BOT_TOKEN\n' : ''}${teams ? '  teams:\n    webhookUrlEnv: TEAMS_INCIDENTS_WEBHOOK\n' : ''}  statusPageUrl: https://status.example.com
`;

export interface IncidentRig {
  runtime: SloopRuntime;
  services: IncidentServices;
  store: Store;
  clock: { now: number };
  chat: ChatReceiver;
  /** Tokens by name: olga and pete (read+write), reader (read only). */
  tokens: { olga: string; pete: string; reader: string; ingest: string };
  close(): Promise<void>;
}

export interface RigOptions {
  /** Extra server environment, given the chat receiver's URL. */
  env?: (chatUrl: string) => Record<string, string>;
  /** Configure `chat.slack.botTokenEnv: SLACK_BOT_TOKEN` (set the variable with `env`). */
  slackBot?: boolean;
  /** Also post to Teams (`chat.teams.webhookUrlEnv`), at the same receiver under /teams. */
  teams?: boolean;
}

export async function startIncidentRig(dialect: 'sqlite' | 'postgres', options: RigOptions = {}): Promise<IncidentRig> {
  const dir = await mkdtemp(join(tmpdir(), 'sloop-incidents-'));
  const configFile = join(dir, 'sloop.yaml');
  await writeFile(configFile, CONFIG(options.slackBot ?? false, options.teams ?? false));
  let database: TestDatabase | undefined;
  if (dialect === 'postgres') database = await createTestDatabase();
  const store = await openStore(database ? { url: database.url, poolSize: 4 } : { dataDir: join(dir, 'data') });
  const chat = await startChatReceiver();
  const clock = { now: T0 };
  const runtime = await createRuntime({
    store,
    configPaths: [configFile],
    loadConfig,
    version: 'test',
    now: () => clock.now,
    env: { SLACK_INCIDENTS_WEBHOOK: chat.url, SLOOP_CHAT_TIMEOUT_MS: '1000', SLOOP_CHAT_MAX_ATTEMPTS: '2', SLOOP_ACTION_LINK_SECRET: 'incident-test-link-secret-0123456789', TEAMS_INCIDENTS_WEBHOOK: `${chat.url}/teams`, ...(options.env?.(chat.url) ?? {}) },
  });
  const token = async (name: string, scopes: Array<'read' | 'write' | 'ingest'>) => (await store.createToken({ name, scopes, now: clock.now })).token;
  const tokens = { olga: await token('olga', ['read', 'write']), pete: await token('pete', ['read', 'write']), reader: await token('reader', ['read']), ingest: await token('pusher', ['ingest']) };
  return {
    runtime,
    services: runtime.deps.incidents!,
    store,
    clock,
    chat,
    tokens,
    async close() {
      await runtime.stop();
      await store.close();
      await chat.close();
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** In-process request with a bearer token; JSON in and out. */
export async function call<T = any>(rig: IncidentRig, token: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown): Promise<{ status: number; body: T; text: string; ms: number }> {
  const started = performance.now();
  const res = await rig.runtime.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const ms = performance.now() - started;
  const isJson = String(res.headers['content-type'] ?? '').includes('json');
  return { status: res.statusCode, body: (isJson ? res.json() : undefined) as T, text: res.body, ms };
}
