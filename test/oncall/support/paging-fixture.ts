/**
 * Shared pieces of the paging integration tests: a config directory with an SLO and an
 * on-call document (people whose contact methods are local webhook receivers), API tokens,
 * a signed inbound webhook, and small HTTP helpers.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signWebhookBody } from '../../../src/notify/webhook/index.js';
import { openStore } from '../../../src/store/index.js';

export const HOOK_SECRET = 'paging-test-hook-secret-0123456789';
export const LINK_SECRET = 'paging-test-link-secret-0123456789';
export const PAGING_ENV = {
  SLOOP_TEST_HOOK_SECRET: HOOK_SECRET,
  SLOOP_ACTION_LINK_SECRET: LINK_SECRET,
  SLOOP_PAGING_INTERVAL_MS: '200',
};

export const SLO_YAML = `apiVersion: sloop/v1
service:
  name: shop
slos:
  - name: checkout-availability
    objective: 99.9
    window: 28d
    alerting:
      runbook: https://runbooks.example.com/checkout
`;

export interface OnCallOptions {
  aliceUrl: string;
  aliceFallbackUrl?: string;
  bobUrl: string;
  step1Wait: string;
  step2Wait?: string;
}

export function onCallYaml(o: OnCallOptions): string {
  const aliceMethods = [`      - { id: hook, type: webhook, url: "${o.aliceUrl}", secret: alice-webhook-secret-0123 }`];
  if (o.aliceFallbackUrl) aliceMethods.push(`      - { id: backup, type: webhook, url: "${o.aliceFallbackUrl}" }`);
  return `apiVersion: sloop/v1
kind: OnCall
people:
  - id: alice
    name: Alice
    timeZone: UTC
    contactMethods:
${aliceMethods.join('\n')}
    notificationRules: [{ contactMethod: hook, after: 0m }]
  - id: bob
    name: Bob
    timeZone: UTC
    contactMethods: [{ id: hook, type: webhook, url: "${o.bobUrl}" }]
schedules:
  - name: primary
    timeZone: UTC
    layers:
      - { name: everyone, participants: [alice], turn: 1w, handoffTime: "00:00", start: 2026-01-05 }
escalationPolicies:
  - name: shop
    steps:
      - { notify: { schedule: primary }, wait: ${o.step1Wait} }
      - { notify: { people: [bob] }, wait: ${o.step2Wait ?? '10m'} }
routes:
  # Only page-worthy alerts page; SLO tickets and budget exhaustion match no route.
  - { match: { severity: [page, critical] }, policy: shop }
integrations:
  - { name: test-hook, type: webhook, secretEnv: SLOOP_TEST_HOOK_SECRET }
`;
}

export interface PagingDir {
  dir: string;
  dataDir: string;
  configArgs: string[];
  /** A token with read and write scopes. */
  token: string;
  /** A token with the ingest scope. */
  ingestToken: string;
  cleanup(): Promise<void>;
}

export async function makePagingDir(oncall: OnCallOptions): Promise<PagingDir> {
  const dir = await mkdtemp(join(tmpdir(), 'sloop-paging-it-'));
  await writeFile(join(dir, 'slos.yaml'), SLO_YAML);
  await writeFile(join(dir, 'oncall.yaml'), onCallYaml(oncall));
  const dataDir = join(dir, 'data');
  const store = await openStore({ dataDir });
  const token = (await store.createToken({ name: 'responder', scopes: ['read', 'write'], now: Date.now() })).token;
  const ingestToken = (await store.createToken({ name: 'pusher', scopes: ['ingest'], now: Date.now() })).token;
  await store.close();
  return {
    dir,
    dataDir,
    configArgs: ['--config', join(dir, 'slos.yaml'), '--config', join(dir, 'oncall.yaml'), '--data-dir', dataDir, '--evaluation-interval', '1'],
    token,
    ingestToken,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Sends one alert to the signed generic webhook integration. */
export async function sendSignedAlert(baseUrl: string, alert: Record<string, unknown>): Promise<Response> {
  const body = JSON.stringify(alert);
  return fetch(`${baseUrl}/api/v1/integrations/webhook/test-hook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sloop-signature': signWebhookBody(body, HOOK_SECRET, Date.now()) },
    body,
  });
}

export async function api<T>(baseUrl: string, token: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
