/** The parts of PagerDuty's REST API schedule object (GET /schedules/{id}) that the import reads. */
export interface PagerDutyRestriction {
  type: 'daily_restriction' | 'weekly_restriction' | string;
  start_time_of_day: string;
  duration_seconds: number;
  start_day_of_week?: number | null;
}

export interface PagerDutyLayer {
  id?: string;
  name?: string;
  start: string;
  end?: string | null;
  rotation_virtual_start: string;
  rotation_turn_length_seconds: number;
  users: { user: { id: string; summary?: string; type?: string } }[];
  restrictions?: PagerDutyRestriction[];
}

export interface PagerDutySchedule {
  id?: string;
  name?: string;
  summary?: string;
  description?: string | null;
  time_zone: string;
  schedule_layers: PagerDutyLayer[];
}
