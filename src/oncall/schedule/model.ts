/**
 * The on-call schedule model: plain data parsed from `kind: OnCall` documents (see
 * src/oncall/config) and read by the rotation math, fairness, load, iCal and escalation code.
 * Times are epoch milliseconds; wall-clock values (handoff time, restriction windows) are
 * minutes after local midnight in the schedule's IANA time zone.
 */

export type ContactMethod =
  | { id: string; type: 'webhook'; url: string; secret?: string }
  | { id: string; type: 'slack'; url: string }
  | { id: string; type: 'teams'; url: string }
  | { id: string; type: 'email'; address: string };

export type ContactMethodType = ContactMethod['type'];

/** "Notify `contactMethod` `afterSeconds` after the page reaches this person." */
export interface NotificationRule {
  contactMethod: string;
  afterSeconds: number;
}

export interface Person {
  id: string;
  name: string;
  email?: string;
  /** IANA zone; business hours and nights in the load report are computed in it. */
  timeZone: string;
  contactMethods: ContactMethod[];
  notificationRules: NotificationRule[];
}

export interface Team {
  id: string;
  name: string;
  members: string[];
}

export type TurnUnit = 'hours' | 'days' | 'weeks' | 'months';

export interface TurnLength {
  unit: TurnUnit;
  count: number;
}

/** ISO weekday: 1 = Monday … 7 = Sunday (luxon's and PagerDuty's numbering). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * One window per week: it opens on `startDay` at `startMinute` (local) and lasts
 * `durationMinutes` of wall-clock time (at most a week). Daily windows are stored as one
 * weekly window per allowed day, so the math has a single shape.
 */
export interface WeeklyWindow {
  startDay: Weekday;
  startMinute: number;
  durationMinutes: number;
}

export type HandoffMode = 'wallclock' | 'fixed';

export interface Layer {
  name: string;
  /** Person ids in rotation order; a person may appear more than once. */
  participants: string[];
  turn: TurnLength;
  /** Minutes after local midnight at which turns hand over. */
  handoffMinute: number;
  /** Local date `YYYY-MM-DD` of the first handoff; participants[0] starts then. */
  startDate: string;
  /** Optional bounds on when the layer is in force (PagerDuty's layer start/end), epoch ms. */
  activeFrom?: number;
  activeUntil?: number;
  /** Empty = always on call during the turn; otherwise on call only inside these windows. */
  restrictions: WeeklyWindow[];
  handoffMode: HandoffMode;
  /** Shares precedence with the layer listed directly before it instead of overriding it. */
  coOnCall: boolean;
  origin?: ConfigOrigin;
}

export interface FairnessSettings {
  /** Largest share of any `horizonDays` window one person may be on call (0.25 = one week in four). */
  maxShare: number;
  horizonDays: number;
  /** Layers with fewer participants get a warning. */
  minRotationSize: number;
}

export const defaultFairness: FairnessSettings = { maxShare: 0.25, horizonDays: 28, minRotationSize: 4 };

/** Where an object was declared, so later checks (gaps, fairness) can point at the file. */
export interface ConfigOrigin {
  file: string;
  line: number;
  column: number;
  /** Field path such as `schedules[0]`. */
  field: string;
}

export interface Schedule {
  name: string;
  timeZone: string;
  /** Lowest precedence first: a later layer wins over an earlier one (as PagerDuty draws them). */
  layers: Layer[];
  fairness: FairnessSettings;
  team?: string;
  description?: string;
  origin?: ConfigOrigin;
}

/** A person covers [start, end) of a schedule; beats every layer. Later overrides win. */
export interface Override {
  kind: 'override';
  id: string;
  person: string;
  start: number;
  end: number;
}

/** One side of a swap: during [start, end), wherever `person` would be on call, the other side's person is. */
export interface SwapSide {
  person: string;
  start: number;
  end: number;
}

/** Two people exchange shifts: `first.person` takes `second`'s time and vice versa. */
export interface ShiftSwap {
  kind: 'swap';
  id: string;
  first: SwapSide;
  second: SwapSide;
}

/** Runtime changes in the order they were accepted. */
export type ScheduleChange = Override | ShiftSwap;

export type ShiftSource =
  | { kind: 'layer'; layer: string }
  | { kind: 'override'; overrideId: string }
  | { kind: 'swap'; swapId: string; layer: string };

export interface Shift {
  start: number;
  end: number;
  /** Who is on call; more than one only where co-on-call layers overlap. */
  people: string[];
  /** Why each person is on call: `source[i]` explains `people[i]`. */
  source: ShiftSource[];
}

export interface TimeRange {
  from: number;
  to: number;
}

export interface OnCallConfig {
  people: Person[];
  teams: Team[];
  schedules: Schedule[];
}
