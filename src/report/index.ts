/** `sloop report`: SLO state at one moment (`buildReport`) and its text/JSON rendering. */
export * from './report.js';
export * from './render.js';
export * from './format.js';
export * from './composite.js';
