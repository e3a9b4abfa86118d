export { api, ApiError, errorMessage, setCsrfToken } from './client.js';
export type * from './types.js';
export * from './incidents.js';
export * from './oncall.js';
