/**
 * The fairness rule for a person across every schedule they are on: two schedules that are
 * each fair can still put one person on call half the time. Time on call in two schedules
 * at once counts once. An exception applies when its `schedule` is "*" or one of the
 * schedules the person is on during the window.
 */
import type { Shift, TimeRange } from '../schedule/model.js';
import { defaultFairness } from '../schedule/model.js';
import { busiestWindows } from './busiest.js';
import { describeLimit, exceptionProblems } from './check.js';
import type { BusiestWindow, FairnessException } from './model.js';

export interface CrossScheduleViolation extends BusiestWindow {
  schedules: string[];
  limitShare: number;
  message: string;
  exception?: FairnessException;
}

export interface CrossScheduleReport {
  violations: CrossScheduleViolation[];
  allowedByException: CrossScheduleViolation[];
}

export function checkFairnessAcrossSchedules(
  shiftsBySchedule: Record<string, readonly Shift[]>,
  options: { range: TimeRange; maxShare?: number; horizonDays?: number },
  exceptions: readonly FairnessException[] = [],
): CrossScheduleReport {
  const maxShare = options.maxShare ?? defaultFairness.maxShare;
  const horizonDays = options.horizonDays ?? defaultFairness.horizonDays;
  const all = Object.values(shiftsBySchedule).flat();
  const report: CrossScheduleReport = { violations: [], allowedByException: [] };
  for (const w of busiestWindows(all, options.range, horizonDays * 86_400_000)) {
    if (w.share <= maxShare + 1e-9) continue;
    const schedules = Object.entries(shiftsBySchedule)
      .filter(([, shifts]) => shifts.some((s) => s.people.includes(w.person) && s.end > w.start && s.start < w.end))
      .map(([name]) => name);
    const violation: CrossScheduleViolation = {
      ...w, schedules, limitShare: maxShare,
      message: `${w.person} would be on call ${Math.round(w.hours * 10) / 10} h of ${horizonDays} days across ${schedules.join(', ')} (${Math.round(w.share * 1000) / 10}%); ` +
        `the limit is ${describeLimit(maxShare, horizonDays)} across all schedules. Move one of the rotations, or record a fairness exception (approvedBy, reason, until).`,
    };
    const exception = exceptions.find((e) => exceptionProblems(e).length === 0 && e.person === w.person && (e.schedule === '*' || schedules.includes(e.schedule)) && w.start < e.until && (e.maxShare === undefined || w.share <= e.maxShare + 1e-9));
    if (exception) report.allowedByException.push({ ...violation, exception });
    else report.violations.push(violation);
  }
  return report;
}
