/** Small builders for tests of schedule consumers; not used by production code. */
import { DateTime } from 'luxon';
import { defaultFairness, type Layer, type Schedule } from './model.js';

export function testLayer(fields: Partial<Layer> & Pick<Layer, 'participants'>): Layer {
  return {
    name: fields.name ?? 'layer',
    turn: { unit: 'days', count: 1 },
    handoffMinute: 9 * 60,
    startDate: '2026-01-05',
    restrictions: [],
    handoffMode: 'wallclock',
    coOnCall: false,
    ...fields,
  };
}

export function testSchedule(layers: Layer[], timeZone = 'UTC', name = 'primary'): Schedule {
  return { name, timeZone, layers, fairness: { ...defaultFairness } };
}

/** Epoch ms of an ISO string; a string without offset is read in `zone`. */
export function at(iso: string, zone = 'UTC'): number {
  const d = DateTime.fromISO(iso, { zone });
  if (!d.isValid) throw new Error(`bad test time ${iso}`);
  return d.toMillis();
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
