export { parseOnCallDocument, parseDelaySeconds, type ParsedOnCall } from './parse.js';
export { parseTurnText, formatTurn, TURN_HINT } from './turn.js';
export { parseTimeRange, parseWeeklyRange, parseWeekday } from './restrictions.js';
export { validateSchedules, type ScheduleValidationOptions } from './validate.js';
export { renderOnCallYaml, renderRestrictions } from './render.js';
export { loadOnCallConfig, ONCALL_KIND, type OnCallLoad, type OnCallLoadOptions } from './load-oncall.js';
export { parseFairnessExceptions, type ParsedException } from './fairness-exceptions.js';
