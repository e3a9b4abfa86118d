export { convertPagerDutySchedule, slug, type PagerDutyImportOptions, type PagerDutyImport } from './convert.js';
export { importPagerDutySchedule, type PagerDutyYamlImport } from './import.js';
export type { PagerDutySchedule, PagerDutyLayer, PagerDutyRestriction } from './types.js';
