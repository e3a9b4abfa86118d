export * from './model.js';
export { computeFinalSchedule, findGaps, whoIsOnCall, precedenceGroups } from './final-schedule.js';
export { layerSegments, turnStarts, fixedTurnMs, type LayerSegment } from './rotation.js';
export { expandWeeklyWindows, dailyWindows, isWindowValid, ALL_DAYS } from './windows.js';
export { unionIntervals, intersectIntervals, complementIntervals, totalLength, type Interval } from './intervals.js';
export { parseClock, formatClock, isValidZone, placeInZone, toNaive, naiveDate, naiveWeekday, offsetMinutes, HOUR_MS, DAY_MS, MINUTE_MS } from './wall-clock.js';
export { parseScheduleChange } from './changes.js';
