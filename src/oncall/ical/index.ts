export { renderScheduleCalendar, renderPersonCalendar, personStretches, type CalendarOptions } from './feed.js';
