/**
 * The demo shop's traffic model, as pure functions of time: diurnal volume, background error
 * rates, past incidents (so a backfill leaves budgets visibly spent) and a live checkout
 * outage shortly after the demo starts (so a page fires within minutes). Noise comes from a
 * hash of (SLO, minute), so the same minute always yields the same counts.
 */

export interface TrafficProfile {
  slo: string;
  /** Requests per minute at the daily peak. */
  peakPerMinute: number;
  /** Background share of bad events (0.0003 = 0.03%). */
  badRatio: number;
}

export interface Incident {
  slo: string;
  startMs: number;
  minutes: number;
  badRatio: number;
}

export const SHOP_PROFILES: readonly TrafficProfile[] = [
  { slo: 'login-availability', peakPerMinute: 600, badRatio: 0.0003 },
  { slo: 'checkout-availability', peakPerMinute: 150, badRatio: 0.0002 },
  { slo: 'checkout-latency', peakPerMinute: 150, badRatio: 0.004 },
  { slo: 'search-availability', peakPerMinute: 900, badRatio: 0.0015 },
];

const MIN = 60_000;

/** Past incidents relative to the demo start, and the live checkout outage. */
export function shopIncidents(startMs: number): Incident[] {
  return [
    { slo: 'search-availability', startMs: startMs - 2 * 24 * 60 * MIN + 3 * 60 * MIN, minutes: 45, badRatio: 0.08 },
    { slo: 'login-availability', startMs: startMs - 26 * 60 * MIN, minutes: 20, badRatio: 0.03 },
    // The live outage: checkout starts failing two minutes after the demo starts.
    { slo: 'checkout-availability', startMs: startMs + 2 * MIN, minutes: 25, badRatio: 0.35 },
    { slo: 'checkout-latency', startMs: startMs + 2 * MIN, minutes: 25, badRatio: 0.3 },
  ];
}

/** Share of peak volume at `ms`: low at night (UTC), peak in the evening. */
export function diurnalFactor(ms: number): number {
  const hour = (ms / (60 * MIN)) % 24;
  return 0.55 + 0.45 * Math.sin((2 * Math.PI * (hour - 12)) / 24);
}

/** A deterministic number in [0, 1) for (key, minute). */
export function noise(key: string, minute: number): number {
  let h = 2166136261 ^ minute;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

/** Good/total for `profile` over [fromMs, toMs) (at most one minute; split longer spans). */
export function trafficBetween(profile: TrafficProfile, fromMs: number, toMs: number, incidents: readonly Incident[]): { good: number; total: number } {
  const minute = Math.floor(fromMs / MIN);
  const share = (toMs - fromMs) / MIN;
  const volume = profile.peakPerMinute * diurnalFactor(fromMs) * (0.9 + 0.2 * noise(profile.slo, minute));
  const total = Math.max(0, Math.round(volume * share));
  const incident = incidents.find((i) => i.slo === profile.slo && fromMs >= i.startMs && fromMs < i.startMs + i.minutes * MIN);
  const ratio = incident ? incident.badRatio : profile.badRatio * (0.5 + noise(`${profile.slo}:bad`, minute));
  const bad = Math.min(total, Math.round(total * ratio + (noise(`${profile.slo}:round`, minute) < (total * ratio) % 1 ? 1 : 0)));
  return { good: total - bad, total };
}

/** Whole-minute samples for every profile over [fromMs, toMs), for the backfill. */
export function backfillSamples(profiles: readonly TrafficProfile[], fromMs: number, toMs: number, incidents: readonly Incident[]) {
  const start = Math.floor(fromMs / MIN) * MIN;
  return profiles.map((profile) => {
    const samples: Array<{ timestamp: number; good: number; total: number }> = [];
    for (let t = start; t + MIN <= toMs; t += MIN) samples.push({ timestamp: t, ...trafficBetween(profile, t, t + MIN, incidents) });
    return { slo: profile.slo, samples };
  });
}
