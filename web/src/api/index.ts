export { api, ApiError, errorMessage, setCsrfToken } from './client.js';
export type * from './types.js';
