export * from './format.js';
export * from './hooks.js';
export * from './overview.js';
export * from './router.js';
