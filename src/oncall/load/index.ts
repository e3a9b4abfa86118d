export { computeLoadReport, isInLocalWindow, defaultBusinessHours, defaultNight } from './report.js';
export type { PageEvent, LocalWindow, LoadOptions, PersonLoad, ScheduleLoad, LoadReport } from './report.js';
