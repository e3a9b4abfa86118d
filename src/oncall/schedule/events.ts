/**
 * What the event log says when an override or swap is saved or deleted: every replica refreshes
 * its cached schedule changes at once (instead of on its next 30 s poll), and open console views
 * of the schedule reload. Appended by the schedule store in the change's own transaction.
 */
export const SCHEDULE_CHANGED_EVENT = 'schedule.changed';

export interface ScheduleChangedPayload {
  schedule: string;
  changeId: string;
  kind: 'override' | 'swap';
  action: 'created' | 'deleted';
}
