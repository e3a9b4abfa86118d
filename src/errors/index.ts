export * from './errors.js';
export * from './diagnostics.js';
