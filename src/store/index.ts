export * from './store.js';
export * from './scopes.js';
