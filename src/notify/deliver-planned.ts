/**
 * The glue the durable paging worker calls for each due delivery: skip it if the page no
 * longer wants it (acknowledged, resolved, new cycle), build the notification with signed
 * links, try the person's contact methods in order, and say what happened in timeline entries.
 */
import { isDeliveryStillWanted, type Page, type PlannedDelivery, type TimelineEntry } from '../oncall/escalation/index.js';
import type { Person } from '../oncall/schedule/model.js';
import { buildNotification, type LinkSettings } from './build-notification.js';
import { createNotifier, type NotifierDeps } from './create-notifier.js';
import { deliverWithFallback } from './fallback.js';
import type { DeliveryFailure, DeliverySuccess, SloContext } from './notification.js';

export interface PlannedDeliveryContext extends NotifierDeps {
  links: LinkSettings;
  person(id: string): Person | undefined;
  slo?: SloContext;
}

export interface PlannedDeliveryOutcome {
  status: 'delivered' | 'failed' | 'skipped';
  delivered: DeliverySuccess | null;
  failures: DeliveryFailure[];
  timeline: TimelineEntry[];
}

/**
 * `announcement: true` sends the page's current status (acknowledged/resolved) to someone
 * already paged, so the still-wanted check is skipped for it.
 */
export async function deliverPlanned(
  page: Page,
  delivery: PlannedDelivery,
  ctx: PlannedDeliveryContext,
  now: number,
  options: { announcement?: boolean; signal?: AbortSignal } = {},
): Promise<PlannedDeliveryOutcome> {
  if (!options.announcement && !isDeliveryStillWanted(page, delivery)) {
    return { status: 'skipped', delivered: null, failures: [], timeline: [] };
  }
  const person = ctx.person(delivery.personId);
  const entry = (message: string, kind: TimelineEntry['kind'] = 'notified'): TimelineEntry => ({ at: now, kind, message });
  if (!person) {
    return { status: 'failed', delivered: null, failures: [], timeline: [entry(`Could not notify ${delivery.personId}: not defined under people`, 'deliveryFailed')] };
  }
  const methods = [delivery.contactMethodId, ...delivery.fallbackContactMethodIds]
    .map((id) => person.contactMethods.find((m) => m.id === id))
    .filter((m) => m !== undefined);
  const notification = buildNotification(page, delivery, ctx.links, now, { recipientName: person.name, slo: ctx.slo });
  const { delivered, failures } = await deliverWithFallback(methods.map((m) => createNotifier(m, ctx)), notification, options.signal);
  const timeline = failures.map((f) => entry(`Delivery to ${person.name} failed: ${f.message} [${f.reason}, ${f.attempts} attempt(s)]`, 'deliveryFailed'));
  if (delivered) {
    const what = options.announcement ? `Told ${person.name} the page is ${page.status}` : `Notified ${person.name}`;
    timeline.push(entry(`${what} via ${delivered.channel} ${delivered.destination}${failures.length > 0 ? ' (fallback)' : ''}`));
    return { status: 'delivered', delivered, failures, timeline };
  }
  timeline.push(entry(`Could not notify ${person.name} on any of ${methods.length} contact method(s)`, 'deliveryFailed'));
  return { status: 'failed', delivered: null, failures, timeline };
}
