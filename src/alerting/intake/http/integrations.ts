/**
 * Where the routes find integrations. A function is read on every request, so a config reload
 * (or integrations created at runtime) takes effect without re-registering routes.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Integration, IntegrationType } from '../model.js';

export type IntegrationSource = readonly Integration[] | (() => readonly Integration[]);

export function listIntegrations(source: IntegrationSource, type: IntegrationType): Integration[] {
  const all = typeof source === 'function' ? source() : source;
  return all.filter((integration) => integration.type === type);
}

export function findIntegration(source: IntegrationSource, type: IntegrationType, name: string): Integration | undefined {
  return listIntegrations(source, type).find((integration) => integration.name === name);
}

/** Constant-time comparison that does not leak the secret's length either (both sides hashed). */
export function secretsEqual(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}
