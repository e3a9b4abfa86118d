/**
 * Hands validated alerts to paging and turns its failures into HTTP answers. Typed client
 * errors keep their status; anything else is 503, which Alertmanager and PagerDuty senders
 * retry, so a page is delayed rather than lost while paging is unavailable.
 */
import type { FastifyRequest } from 'fastify';
import { SloopError, type ErrorCode } from '../../../errors/index.js';
import type { InboundAlert, IntakeOutcome, Integration, OnAlerts } from '../model.js';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  INPUT: 400,
  CONFIG: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NOT_ALLOWED: 403,
  AUTHENTICATION: 401,
  PAYLOAD_TOO_LARGE: 413,
  UNAVAILABLE: 503,
};

export type Delivery = { ok: true; message: string | undefined } | { ok: false; status: number; code: ErrorCode; message: string };

export async function deliverAlerts(onAlerts: OnAlerts, integration: Integration, alerts: InboundAlert[], request: FastifyRequest): Promise<Delivery> {
  if (alerts.length === 0) return { ok: true, message: undefined };
  let outcome: IntakeOutcome;
  try {
    outcome = await onAlerts(integration, alerts);
  } catch (err: unknown) {
    if (err instanceof SloopError && err.code !== 'UNAVAILABLE') return { ok: false, status: STATUS_BY_CODE[err.code], code: err.code, message: err.message };
    request.log.error({ err, integration: integration.name }, 'paging did not accept inbound alerts');
    return { ok: false, status: 503, code: 'UNAVAILABLE', message: `sloop could not accept the alerts right now; retry later (request id ${request.id})` };
  }
  return { ok: true, message: outcome?.message };
}
