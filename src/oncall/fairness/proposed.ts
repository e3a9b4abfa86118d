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

/** From now to a horizon past the proposed change's end, and at least four horizons. */
function evaluationRange(input: ProposedChangeInput): TimeRange {
  const horizon = (input.options?.horizonDays ?? input.schedule.fairness.horizonDays) * DAY_MS;
  const p = input.proposed;
  const changeEnd = p.kind === 'override' ? p.end : Math.max(p.first.end, p.second.end);
  const changeStart = p.kind === 'override' ? p.start : Math.min(p.first.start, p.second.start);
  const from = Math.min(input.now, changeStart - horizon);
  return { from: Math.max(from, input.now - horizon), to: Math.max(input.now + 4 * horizon, changeEnd + horizon) };
}
