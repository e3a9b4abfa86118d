// Shared HTTP plumbing of the intake route plugins; not part of the intake's public API.
export { findIntegration, listIntegrations, secretsEqual, type IntegrationSource } from './integrations.js';
export { prepareIntakeScope, rawBodyOf, parseJson, DEFAULT_INTAKE_BODY_LIMIT_BYTES, type ErrorBodyFormatter, type JsonParse } from './scope.js';
export { deliverAlerts, type Delivery } from './deliver.js';
export { sloopErrorBody, type IntakeErrorBody } from './sloop-error-body.js';
