/**
 * Answers "may this override or swap be accepted?" before it is saved. The change is refused
 * when it creates a violation or makes an existing one worse for someone; a change that
 * leaves an already-unfair schedule no worse (e.g. someone covering for the overloaded
 * person) is accepted.
 */
import { computeFinalSchedule } from '../schedule/final-schedule.js';
import type { Schedule, ScheduleChange, TimeRange } from '../schedule/model.js';
import { checkFairness } from './check.js';
import type { FairnessException, FairnessOptions, FairnessReport, FairnessViolation } from './model.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const EPSILON_HOURS = 1e-6;

export interface ProposedChangeInput {
  schedule: Schedule;
  /** Changes already accepted, in order. */
  changes: readonly ScheduleChange[];
  proposed: ScheduleChange;
  now: number;
  options?: Omit<FairnessOptions, 'range'>;
  exceptions?: readonly FairnessException[];
}

export interface ProposedChangeVerdict {
  accepted: boolean;
  /** Violations the change creates or worsens; empty when accepted. */
  blocking: FairnessViolation[];
  before: FairnessReport;
  after: FairnessReport;
  message: string;
}

export function evaluateProposedChange(input: ProposedChangeInput): ProposedChangeVerdict {
  const range = evaluationRange(input);
  const options = { ...input.options, range };
  const before = checkFairness(input.schedule, computeFinalSchedule(input.schedule, input.changes, range), options, input.exceptions);
  const after = checkFairness(input.schedule, computeFinalSchedule(input.schedule, [...input.changes, input.proposed], range), options, input.exceptions);
  const hoursBefore = new Map(before.busiest.map((w) => [w.person, w.hours]));
  const blocking = after.violations.filter((v) => v.hours > (hoursBefore.get(v.person) ?? 0) + EPSILON_HOURS);
  const message = blocking.length === 0
    ? 'accepted: the change keeps everyone within the fairness limit (or makes nobody worse off)'
    : `refused: ${blocking.map((v) => v.message).join(' ')}`;
  return { accepted: blocking.length === 0, blocking, before, after, message };
}

/** One person a refused change pushes over the fairness limit, with the numbers to show. */
export interface PersonOverLimit {
  person: string;
  /** The busiest window after the change. */
  windowStart: number;
  windowEnd: number;
  hours: number;
  /** The same person's busiest-window hours without the change. */
  hoursBefore: number;
  limitHours: number;
  /** How far above the limit the change puts the person. */
  hoursOverLimit: number;
  share: number;
  limitShare: number;
  message: string;
}

/**
 * The verdict as the API and console show it, the same for overrides and swaps: who breaks
 * the rule and by how much, and whether saving needs an approved exception.
 */
export interface VerdictSummary {
  accepted: boolean;
  message: string;
  /** True when saving is refused unless an approved exception (approvedBy, reason, until) comes with it. */
  exceptionRequired: boolean;
  overLimit: PersonOverLimit[];
}

export function summarizeVerdict(verdict: ProposedChangeVerdict): VerdictSummary {
  const hoursBefore = new Map(verdict.before.busiest.map((w) => [w.person, w.hours]));
  const overLimit = verdict.blocking.map((v) => {
    const limitHours = (v.limitShare * (v.end - v.start)) / HOUR_MS;
    return {
      person: v.person, windowStart: v.start, windowEnd: v.end,
      hours: v.hours, hoursBefore: hoursBefore.get(v.person) ?? 0,
      limitHours: round(limitHours), hoursOverLimit: round(v.hours - limitHours),
      share: v.share, limitShare: v.limitShare, message: v.message,
    };
  });
  return { accepted: verdict.accepted, message: verdict.message, exceptionRequired: !verdict.accepted, overLimit };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

/** From now to a horizon past the proposed change's end, and at least four horizons. */
function evaluationRange(input: ProposedChangeInput): TimeRange {
  const horizon = (input.options?.horizonDays ?? input.schedule.fairness.horizonDays) * DAY_MS;
  const p = input.proposed;
  const changeEnd = p.kind === 'override' ? p.end : Math.max(p.first.end, p.second.end);
  const changeStart = p.kind === 'override' ? p.start : Math.min(p.first.start, p.second.start);
  const from = Math.min(input.now, changeStart - horizon);
  return { from: Math.max(from, input.now - horizon), to: Math.max(input.now + 4 * horizon, changeEnd + horizon) };
}
