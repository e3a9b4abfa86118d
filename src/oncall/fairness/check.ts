/**
 * The fairness rule, enforced: by default nobody may be on call more than a quarter of any
 * 28 days (one week in four, the Google SRE book's 25% rule). A violation can only be
 * allowed by an explicit, recorded exception; it is then reported as allowed, never hidden.
 */
import { DateTime } from 'luxon';
import type { Schedule, Shift, TimeRange } from '../schedule/model.js';
import { busiestWindows } from './busiest.js';
import type { AllowedByException, FairnessException, FairnessOptions, FairnessReport, FairnessViolation, FairnessWarning } from './model.js';

const DAY_MS = 86_400_000;
const EPSILON = 1e-9;

export function checkFairness(
  schedule: Schedule,
  shifts: readonly Shift[],
  options: FairnessOptions = {},
  exceptions: readonly FairnessException[] = [],
): FairnessReport {
  const settings = {
    maxShare: options.maxShare ?? schedule.fairness.maxShare,
    horizonDays: options.horizonDays ?? schedule.fairness.horizonDays,
    minRotationSize: options.minRotationSize ?? schedule.fairness.minRotationSize,
  };
  const range: TimeRange = options.range ?? {
    from: Math.min(...shifts.map((s) => s.start)),
    to: Math.max(...shifts.map((s) => s.end)),
  };
  const warnings = rotationSizeWarnings(schedule, settings.minRotationSize);
  const valid: FairnessException[] = [];
  for (const e of exceptions) {
    if (e.schedule !== schedule.name) continue;
    const problems = exceptionProblems(e);
    if (problems.length === 0) valid.push(e);
    else warnings.push({ schedule: schedule.name, message: `the fairness exception for ${e.person || '(no person)'} is ignored: ${problems.join('; ')}` });
  }
  const report: FairnessReport = { schedule: schedule.name, settings, range, busiest: [], violations: [], allowedByException: [], warnings };
  if (shifts.length === 0 || range.to <= range.from) return report;

  const horizonMs = settings.horizonDays * DAY_MS;
  report.busiest = busiestWindows(shifts, range, horizonMs);
  for (const w of report.busiest) {
    if (w.share <= settings.maxShare + EPSILON) continue;
    const violation: FairnessViolation = { ...w, schedule: schedule.name, limitShare: settings.maxShare, message: violationMessage(schedule, w, settings) };
    const exception = valid.find((e) => e.person === w.person && w.start < e.until && (e.maxShare === undefined || w.share <= e.maxShare + EPSILON));
    if (exception) report.allowedByException.push({ ...violation, exception, message: `${violation.message} Allowed by the exception approved by ${exception.approvedBy} until ${formatDay(exception.until, schedule.timeZone)}: ${exception.reason}` } satisfies AllowedByException);
    else report.violations.push(violation);
  }
  return report;
}

/** What makes an exception unusable; empty when it is complete. */
export function exceptionProblems(e: FairnessException): string[] {
  const problems: string[] = [];
  if (!e.person?.trim()) problems.push('name the person it covers');
  if (!e.schedule?.trim()) problems.push('name the schedule it covers');
  if (!e.approvedBy?.trim()) problems.push('record who approved it (approvedBy)');
  if (!e.reason?.trim()) problems.push('record why (reason)');
  if (!Number.isFinite(e.until)) problems.push('give an end date (until); exceptions cannot be open-ended');
  if (e.maxShare !== undefined && !(e.maxShare > 0 && e.maxShare <= 1)) problems.push('maxShare must be a fraction above 0 and at most 1');
  return problems;
}

export function describeLimit(maxShare: number, horizonDays: number): string {
  const pct = `${round(maxShare * 100)}%`;
  if (Math.abs(maxShare - 0.25) < EPSILON && horizonDays === 28) return `one week in four (${pct})`;
  return `${pct} of any ${horizonDays} days (${round(maxShare * horizonDays * 24)} h)`;
}

function violationMessage(schedule: Schedule, w: { person: string; start: number; hours: number; share: number }, s: { maxShare: number; horizonDays: number }): string {
  return `${w.person} would be on call ${round(w.hours)} h of the ${s.horizonDays} days from ${formatDay(w.start, schedule.timeZone)} (${round(w.share * 100)}%) on ${schedule.name}; ` +
    `the limit is ${describeLimit(s.maxShare, s.horizonDays)}. Add people to the rotation, shorten ${w.person}'s turns, move an override to someone else, ` +
    'or record a fairness exception (approvedBy, reason, until).';
}

function rotationSizeWarnings(schedule: Schedule, minSize: number): FairnessWarning[] {
  const warnings: FairnessWarning[] = [];
  for (const layer of schedule.layers) {
    const n = new Set(layer.participants).size;
    if (n >= minSize) continue;
    const who = n === 1 ? 'one person, who is on call for every turn' : `${n} people, so each is on call one turn in ${n} (${round(100 / n)}% of this layer's time)`;
    const why = n === 2
      ? 'A two-person rotation is a burnout guarantee: every other week on call, nobody to trade with for leave, sickness or a bad night, and one departure leaves a single person on call all the time.'
      : `With fewer than ${minSize} people there is no slack for leave, sickness or a hard week, and one departure makes it worse.`;
    warnings.push({ schedule: schedule.name, layer: layer.name, message: `layer ${layer.name} of ${schedule.name} rotates ${who}. ${why} Add people (at least ${minSize}) or share the rotation with another team.` });
  }
  return warnings;
}

function formatDay(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd HH:mm ZZZZ");
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
