import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOnCallConfig } from '../../oncall/config/load-oncall.js';
import { loadConfigFromText } from '../../slo/spec/load.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { createOnCallServices, OnCallConfigCell, ScheduleChangeCache } from './oncall.js';

const T = Date.parse('2026-11-27T12:00:00Z');
const CONFIG = `apiVersion: sloop/v1
kind: OnCall
people:
  - { id: ann, name: Ann, timeZone: UTC, contactMethods: [{ type: webhook, url: "http://127.0.0.1:9/ann" }] }
schedules:
  - { name: primary, timeZone: UTC, layers: [{ name: l, participants: [ann], turn: 1d, start: 2026-11-01 }] }
`;

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sloop-oncall-svc-'));
  store = await openStore({ dataDir: dir });
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('ScheduleChangeCache', () => {
  it('picks up a change stored by another replica once its copy is older than maxAge', async () => {
    const clock = { now: T };
    const schedules = loadOnCallConfig(loadConfigFromText(CONFIG)).schedules;
    const cache = new ScheduleChangeCache(store.schedules, () => schedules, () => clock.now, 30_000);
    await cache.refresh();
    await store.schedules.createChange({ kind: 'override', schedule: 'primary', person: 'ann', start: T, end: T + 1000, createdBy: 'elsewhere' }, { now: T });
    clock.now = T + 10_000;
    expect(cache.get('primary')).toEqual([]);
    clock.now = T + 31_000;
    cache.get('primary'); // starts a background refresh
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(cache.get('primary').map((c) => c.kind)).toEqual(['override']);
  });
});

describe('OnCallConfigCell', () => {
  it('keeps the previous config when the new load has errors', () => {
    const cell = new OnCallConfigCell();
    cell.absorb(loadConfigFromText(CONFIG));
    expect(cell.config.schedules.map((s) => s.name)).toEqual(['primary']);
    const broken = loadConfigFromText(CONFIG);
    cell.absorb({ ...broken, diagnostics: [{ severity: 'error', file: 'x', line: 1, column: 1, field: '', message: 'bad' }] });
    expect(cell.config.schedules.map((s) => s.name)).toEqual(['primary']);
    cell.absorb(loadConfigFromText('apiVersion: sloop/v1\nkind: OnCall\npeople: []\n'));
    expect(cell.config.schedules).toEqual([]);
  });
});

describe('feed tokens', () => {
  it('verify only for the path they sign, with the same key on every instance', async () => {
    const a = createOnCallServices({ config: loadOnCallConfig({ documents: [] }) }, store.schedules, () => T);
    const b = createOnCallServices({ config: loadOnCallConfig({ documents: [] }) }, store.schedules, () => T);
    const token = await a.signFeedPath('/api/v1/schedules/primary/calendar.ics');
    expect(await b.verifyFeedToken('/api/v1/schedules/primary/calendar.ics', token)).toBe(true);
    expect(await b.verifyFeedToken('/api/v1/schedules/other/calendar.ics', token)).toBe(false);
    expect(await b.verifyFeedToken('/api/v1/schedules/primary/calendar.ics', token.slice(1))).toBe(false);
  });
});
