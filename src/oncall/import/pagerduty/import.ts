/** PagerDuty JSON in, sloop YAML (plus the model) out. */
import { renderOnCallYaml } from '../../config/render.js';
import { convertPagerDutySchedule, type PagerDutyImport, type PagerDutyImportOptions } from './convert.js';

export interface PagerDutyYamlImport extends PagerDutyImport {
  /** A complete `kind: OnCall` document with the schedule and stub people; notes as comments. */
  yaml: string;
}

/** Throws InputError listing everything that cannot be expressed in sloop. */
export function importPagerDutySchedule(input: unknown, options: PagerDutyImportOptions = {}): PagerDutyYamlImport {
  const result = convertPagerDutySchedule(input, options);
  const yaml = renderOnCallYaml({ people: result.people, schedules: [result.schedule] }, [
    'Imported from PagerDuty by sloop. Notes:',
    ...result.notes.map((n) => `- ${n}`),
  ]);
  return { ...result, yaml };
}
