/**
 * Turns of one layer. Turn k starts at the anchor (start date + handoff time) plus k turn
 * lengths and belongs to participants[k mod n].
 *  - `wallclock`: k turn lengths are added to the naive local anchor, so handoffs stay at the
 *    same local time; a daily turn over the spring change lasts 23 h, over autumn 25 h.
 *  - `fixed`: k exact durations are added to the anchor instant, so every turn lasts exactly
 *    its length and the local handoff time drifts by the DST offset change.
 * Restrictions only mask a turn (PagerDuty's semantics): the rotation keeps advancing through
 * restricted time.
 */
import { HOUR_MS, addNaiveMonths, naiveDate, placeInZone } from './wall-clock.js';
import { expandWeeklyWindows } from './windows.js';
import type { Interval } from './intervals.js';
import type { Layer, TimeRange, TurnLength } from './model.js';

export interface LayerSegment extends Interval {
  person: string;
  layerIndex: number;
}

const nominalHours: Record<TurnLength['unit'], number> = { hours: 1, days: 24, weeks: 168, months: 730 };

export function fixedTurnMs(turn: TurnLength): number | null {
  return turn.unit === 'months' ? null : turn.count * nominalHours[turn.unit] * HOUR_MS;
}

/** Returns a function giving the start instant of turn k (k may be any integer >= 0). */
export function turnStarts(layer: Layer, zone: string): (k: number) => number {
  const anchorNaive = naiveDate(layer.startDate, layer.handoffMinute);
  const anchorMs = placeInZone(anchorNaive, zone);
  if (layer.handoffMode === 'fixed') {
    const step = fixedTurnMs(layer.turn);
    if (step === null) throw new Error(`layer ${layer.name}: a month has no fixed length; use handoffMode wallclock`);
    return (k) => anchorMs + k * step;
  }
  const { unit, count } = layer.turn;
  if (unit === 'months') return (k) => placeInZone(addNaiveMonths(anchorNaive, k * count), zone);
  const stepMs = nominalHours[unit] * count * HOUR_MS;
  return (k) => placeInZone(anchorNaive + k * stepMs, zone);
}

/** The layer's on-call segments overlapping `range`, clipped to it, restrictions applied. */
export function layerSegments(layer: Layer, layerIndex: number, zone: string, range: TimeRange): LayerSegment[] {
  const startOf = turnStarts(layer, zone);
  const anchor = startOf(0);
  const from = Math.max(range.from, anchor, layer.activeFrom ?? -Infinity);
  const to = Math.min(range.to, layer.activeUntil ?? Infinity);
  if (to <= from || layer.participants.length === 0) return [];

  const nominal = nominalHours[layer.turn.unit] * layer.turn.count * HOUR_MS;
  let k = Math.max(0, Math.floor((from - anchor) / nominal));
  while (k > 0 && startOf(k) > from) k--;
  while (startOf(k + 1) <= from) k++;

  const turns: LayerSegment[] = [];
  let start = startOf(k);
  while (start < to) {
    const end = startOf(k + 1);
    const person = layer.participants[k % layer.participants.length];
    // A wall-clock turn can collapse to nothing when its handoff falls in a spring gap.
    if (end > start) turns.push({ start: Math.max(start, from), end: Math.min(end, to), person, layerIndex });
    k++;
    start = end;
  }
  if (layer.restrictions.length === 0) return turns;
  return applyRestrictions(turns, expandWeeklyWindows(layer.restrictions, zone, { from, to }));
}

/** Both lists are sorted and non-overlapping, so one merge pass suffices. */
function applyRestrictions(turns: LayerSegment[], allowed: Interval[]): LayerSegment[] {
  const out: LayerSegment[] = [];
  let j = 0;
  for (const turn of turns) {
    while (j < allowed.length && allowed[j].end <= turn.start) j++;
    for (let w = j; w < allowed.length && allowed[w].start < turn.end; w++) {
      const start = Math.max(turn.start, allowed[w].start);
      const end = Math.min(turn.end, allowed[w].end);
      if (end > start) out.push({ ...turn, start, end });
    }
  }
  return out;
}
