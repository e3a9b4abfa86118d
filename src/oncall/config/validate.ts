/**
 * Checks that need a clock: coverage gaps and the fairness rule over the coming weeks.
 * `sloop validate` runs them after parsing; results are Diagnostics pointing at the schedule
 * (or layer) in the file. Fairness violations, per schedule and for a person across
 * schedules, are errors unless an exception allows them; gaps and small rotations are warnings.
 */
import type { Diagnostic } from '../../errors/index.js';
import { checkFairness } from '../fairness/check.js';
import type { FairnessException } from '../fairness/model.js';
import { computeFinalSchedule, findGaps } from '../schedule/final-schedule.js';
import type { ConfigOrigin, Schedule, ScheduleChange, Shift } from '../schedule/model.js';
import { checkFairnessAcrossSchedules } from '../fairness/across.js';
import { DateTime } from 'luxon';

export interface ScheduleValidationOptions {
  now: number;
  /** Look-ahead for gaps and fairness; default 4 fairness horizons (112 days by default). */
  days?: number;
  changesBySchedule?: Record<string, readonly ScheduleChange[]>;
  exceptions?: readonly FairnessException[];
}

const DAY_MS = 86_400_000;
const MAX_GAPS_LISTED = 3;

export function validateSchedules(schedules: readonly Schedule[], options: ScheduleValidationOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const shiftsBySchedule: Record<string, Shift[]> = {};
  let widest = { from: options.now, to: options.now };
  for (const schedule of schedules) {
    const days = options.days ?? schedule.fairness.horizonDays * 4;
    const range = { from: options.now, to: options.now + days * DAY_MS };
    const shifts = computeFinalSchedule(schedule, options.changesBySchedule?.[schedule.name] ?? [], range);
    shiftsBySchedule[schedule.name] = shifts;
    if (range.to > widest.to) widest = range;
    const gaps = findGaps(shifts, range);
    if (gaps.length > 0) {
      const hours = gaps.reduce((sum, g) => sum + (g.end - g.start), 0) / 3_600_000;
      const listed = gaps.slice(0, MAX_GAPS_LISTED).map((g) => `${fmt(g.start, schedule.timeZone)} to ${fmt(g.end, schedule.timeZone)}`).join(', ');
      const more = gaps.length > MAX_GAPS_LISTED ? ` and ${gaps.length - MAX_GAPS_LISTED} more` : '';
      out.push(diag('warning', schedule.origin, schedule.name,
        `nobody is on call for ${Math.round(hours * 10) / 10} h of the next ${days} days (${listed}${more}); pages in those gaps reach no one. Add a layer or widen restrictions to cover them, or accept them deliberately`));
    }
    const report = checkFairness(schedule, shifts, { range }, options.exceptions ?? []);
    for (const v of report.violations) out.push(diag('error', schedule.origin, schedule.name, v.message));
    for (const w of report.warnings) {
      const layer = schedule.layers.find((l) => l.name === w.layer);
      out.push(diag('warning', layer?.origin ?? schedule.origin, schedule.name, w.message));
    }
  }
  if (schedules.length > 1) {
    // Each schedule may be fair on its own while one person carries two of them.
    const perSchedule = new Set(out.filter((d) => d.severity === 'error').map((d) => d.message.split(' ')[0]));
    const across = checkFairnessAcrossSchedules(shiftsBySchedule, { range: widest }, options.exceptions ?? []);
    for (const v of across.violations) {
      if (perSchedule.has(v.person)) continue;
      const first = schedules.find((s) => s.name === v.schedules[0]);
      out.push(diag('error', first?.origin, v.schedules[0], v.message));
    }
  }
  return out;
}

function diag(severity: Diagnostic['severity'], origin: ConfigOrigin | undefined, name: string, message: string): Diagnostic {
  return { severity, file: origin?.file ?? '', line: origin?.line ?? 0, column: origin?.column ?? 0, field: origin?.field ?? `schedules[${name}]`, message };
}

function fmt(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');
}
