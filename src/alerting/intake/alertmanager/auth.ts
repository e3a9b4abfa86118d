/**
 * Alertmanager authenticates with its receiver's `http_config`: `authorization` (Bearer
 * credentials) or `basic_auth` (the password is the integration's secret; the username is
 * not checked). Returns null when the request is allowed, else the reason to show.
 */
import { secretsEqual } from '../http/integrations.js';

export function checkAlertmanagerAuth(header: string | undefined, secret: string, integrationName: string): string | null {
  const hint = 'set http_config.authorization.credentials (or basic_auth.password) on the Alertmanager webhook receiver to the integration\'s token';
  if (!header) return `missing Authorization header; ${hint}`;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return secretsEqual(bearer[1]!, secret) ? null : `the bearer token is not the token of integration "${integrationName}"; ${hint}`;
  const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    return secretsEqual(password, secret) ? null : `the basic auth password is not the token of integration "${integrationName}"; ${hint}`;
  }
  return `unsupported Authorization scheme; use Bearer or Basic; ${hint}`;
}
