/**
 * Nothing acknowledged is lost, nothing is counted twice: a child process ingests batches
 * into a SQLite store and is SIGKILLed mid-stream; every batch it acknowledged must be
 * present exactly once after reopening, and a client retrying with the same keys changes
 * nothing it already stored.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { openStore } from '../open-store.js';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '../../..');
const BASE = 29_453_760;
const SLOS = ['login', 'checkout', 'search'];
const KILL_AFTER_ACKS = 150;

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the child until it acknowledged KILL_AFTER_ACKS batches, SIGKILLs it, returns every acknowledged batch. */
function ingestUntilKilled(dataDir: string): Promise<number[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'ingest-until-killed.fixture.ts'), dataDir, String(BASE)], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`child acknowledged too few batches in 30 s; stderr: ${stderr}`));
    }, 30_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!killed && stdout.split('\n').length > KILL_AFTER_ACKS) {
        killed = child.kill('SIGKILL');
      }
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return fail(new Error(`child exited with ${code}: ${stderr}`));
      // Only complete lines are acknowledgements; a torn last line is not.
      const lines = stdout.split('\n').slice(0, -1);
      done(lines.map(Number));
    });
  });
}

it('keeps every acknowledged batch exactly once after the process is SIGKILLed mid-ingest', async () => {
  dir = mkdtempSync(join(tmpdir(), 'sloop-durability-'));
  const acked = await ingestUntilKilled(dir);
  expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
  expect(acked).toEqual(acked.map((_, i) => i));
  const lastAcked = acked.length - 1;

  const store = await openStore({ dataDir: dir });
  try {
    for (const slo of SLOS) {
      const rows = await store.readCounts(slo, BASE, BASE + lastAcked + 1000);
      // Never double: every stored minute holds exactly one batch's sample.
      expect(rows.every((r) => r.good === 1 && r.total === 1), slo).toBe(true);
      const minutes = rows.map((r) => r.minute - BASE);
      // Every acknowledged batch is there; at most the one in flight at the kill is extra.
      expect(minutes.slice(0, acked.length)).toEqual(acked);
      expect(minutes.length - acked.length).toBeLessThanOrEqual(1);
    }

    // The client retries everything it sent, including the unacknowledged batch in flight.
    let duplicates = 0;
    for (let i = 0; i <= lastAcked + 1; i++) {
      const samples = [{ minute: BASE + i, good: 1, total: 1 }];
      const result = await store.ingestSamples(SLOS.map((slo) => ({ slo, samples })), { idempotencyKey: `batch-${i}`, now: (BASE + i) * 60_000 });
      if (result.duplicate) duplicates++;
    }
    expect(duplicates).toBeGreaterThanOrEqual(acked.length);
    for (const slo of SLOS) {
      const rows = await store.readCounts(slo, BASE, BASE + lastAcked + 1000);
      expect(rows.map((r) => r.minute - BASE)).toEqual([...acked, lastAcked + 1]);
      expect(rows.every((r) => r.total === 1)).toBe(true);
    }
  } finally {
    await store.close();
  }
});
