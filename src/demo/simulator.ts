/**
 * Runs the demo traffic against a sloop server through its public push API (so the demo
 * exercises exactly what a real client uses): a backfill of the last days at start, then a
 * push of the elapsed traffic every few seconds. Each push carries an idempotency key, so a
 * retry after a timeout never double counts.
 */
import { backfillSamples, shopIncidents, SHOP_PROFILES, trafficBetween, type TrafficProfile } from './traffic.js';

export interface SimulatorOptions {
  url: string;
  token: string;
  profiles?: readonly TrafficProfile[];
  startMs: number;
  backfillDays?: number;
  tickMs?: number;
  now?: () => number;
  onError?(err: unknown): void;
}

async function post(url: string, token: string, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`push to ${url} failed: HTTP ${res.status} ${await res.text()}`);
}

export async function backfill(options: SimulatorOptions): Promise<number> {
  const profiles = options.profiles ?? SHOP_PROFILES;
  const incidents = shopIncidents(options.startMs);
  const days = options.backfillDays ?? 3;
  let pushed = 0;
  for (let d = days; d >= 1; d--) {
    const from = options.startMs - d * 24 * 60 * 60_000;
    const batches = backfillSamples(profiles, from, Math.min(from + 24 * 60 * 60_000, options.startMs), incidents);
    await post(`${options.url}/api/v1/slis/events`, options.token, { batches, idempotencyKey: `demo-backfill-${options.startMs}-${d}` });
    pushed += batches.reduce((n, b) => n + b.samples.length, 0);
  }
  return pushed;
}

/** Pushes the simulated traffic of [fromMs, toMs), split at minute boundaries. */
export async function pushBetween(options: SimulatorOptions, fromMs: number, toMs: number): Promise<void> {
  const profiles = options.profiles ?? SHOP_PROFILES;
  const incidents = shopIncidents(options.startMs);
  const batches = [];
  // Split at minute boundaries so each sample lands in the minute it describes.
  for (let from = fromMs; from < toMs; ) {
    const end = Math.min(toMs, (Math.floor(from / 60_000) + 1) * 60_000);
    for (const p of profiles) {
      const counts = trafficBetween(p, from, end, incidents);
      if (counts.total > 0) batches.push({ slo: p.slo, samples: [{ timestamp: from, ...counts }] });
    }
    from = end;
  }
  if (batches.length > 0) await post(`${options.url}/api/v1/slis/events`, options.token, { batches, idempotencyKey: `demo-live-${fromMs}-${toMs}` });
}

/** Starts pushing live traffic every `tickMs`; returns a function that stops it. */
export function startLiveTraffic(options: SimulatorOptions): () => void {
  const now = options.now ?? (() => Date.now());
  let last = options.startMs;
  let busy = false;
  const tick = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      const to = now();
      await pushBetween(options, last, to);
      last = to;
    } catch (err: unknown) {
      options.onError?.(err);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), options.tickMs ?? 5000);
  return () => clearInterval(timer);
}
