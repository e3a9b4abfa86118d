/**
 * Public subscription flows. Email: subscribe (pending) -> confirmation email -> confirm
 * link -> active. Webhook: active at once, with a signing secret shown once. Both end with
 * the unsubscribe link every message carries. Answers never reveal whether an email address
 * was already subscribed. Webhook URLs pointing at loopback or private addresses are refused
 * unless the server allows them, so the public form cannot aim the server at its own network.
 */
import { isIP } from 'node:net';
import { ConflictError, InputError, NotAllowedError, UnavailableError } from '../../errors/index.js';
import { confirmSubscription, createSubscription, hashToken, newToken, unsubscribe } from '../subscribers.js';
import type { StatusPageConfigCell } from './config-cell.js';
import type { StatusStorage, StoredSubscription } from './storage.js';
import type { SubscriberDelivery } from './subscriber-delivery.js';
import { confirmationEmail } from './subscriber-messages.js';
import { splitLinkToken, subscriptionUrls, unsubscribeSecret } from './subscription-links.js';

export interface SubscriptionServiceDeps {
  storage: StatusStorage;
  config: StatusPageConfigCell;
  delivery: SubscriberDelivery;
  now: () => number;
  baseUrl: () => string;
  linkKey: () => Promise<string>;
  random: (bytes: number) => Uint8Array;
  allowPrivateWebhooks: boolean;
}

export interface SubscribeOutcome {
  id: string;
  kind: StoredSubscription['kind'];
  state: StoredSubscription['state'];
  components: string[];
  /** Webhook only, shown once: verify X-Sloop-Signature with it. */
  signingSecret?: string;
  message: string;
}

const CHECK_INBOX = 'Check your inbox: follow the link in the confirmation email to start receiving updates.';

export class SubscriptionService {
  constructor(private readonly deps: SubscriptionServiceDeps) {}

  async subscribe(input: { kind?: unknown; target?: unknown; components?: unknown }): Promise<SubscribeOutcome> {
    const { storage, delivery } = this.deps;
    const now = this.deps.now();
    const knownComponents = this.deps.config.active.page.components.map((c) => c.id);
    const confirmToken = newToken(this.deps.random(32));
    // Validate before spending an id; the real id and unsubscribe secret are set below.
    const draft = createSubscription(input, { id: 'draft', now, confirmToken, unsubscribeToken: 'draft', knownComponents });
    if (draft.kind === 'email' && !delivery.emailEnabled) {
      throw new UnavailableError('email subscriptions are not available on this server (no SMTP relay); subscribe with a webhook, or ask the operator to set SLOOP_SMTP_URL');
    }
    if (draft.kind === 'webhook') this.#checkWebhookTarget(draft.target);
    const existing = await storage.subscriptions.findByTarget(draft.kind, draft.target);
    if (draft.kind === 'webhook' && existing?.state === 'active') {
      throw new ConflictError('this webhook URL is already subscribed; unsubscribe with the link in any delivery first to subscribe it again');
    }
    if (draft.kind === 'email' && existing?.state === 'active') {
      return { id: existing.id, kind: 'email', state: 'pending', components: existing.components, message: CHECK_INBOX };
    }
    const id = existing?.id ?? (await storage.subscriptions.nextId());
    const key = await this.deps.linkKey();
    const sub: StoredSubscription = {
      ...draft,
      id,
      unsubscribeTokenHash: hashToken(unsubscribeSecret(key, id)),
      signingSecret: draft.kind === 'webhook' ? `whsec_${newToken(this.deps.random(24))}` : null,
      unsubscribedAt: null,
    };
    await storage.subscriptions.save(sub);
    if (sub.kind === 'webhook') {
      return { id, kind: 'webhook', state: 'active', components: sub.components, signingSecret: sub.signingSecret!, message: 'Subscribed: status changes will be posted to the webhook, signed with the secret below (shown once).' };
    }
    const urls = subscriptionUrls(this.deps.baseUrl(), id, { confirm: confirmToken, unsubscribe: unsubscribeSecret(key, id) });
    const sent = await delivery.email(sub.target, confirmationEmail(this.deps.config.active.page.title, { confirm: urls.confirm!, unsubscribe: urls.unsubscribe }), `confirm/${id}/${now}`);
    if (!sent.ok) throw new UnavailableError('the confirmation email could not be sent right now; try again in a few minutes');
    return { id, kind: 'email', state: 'pending', components: sub.components, message: CHECK_INBOX };
  }

  async confirm(token: unknown): Promise<StoredSubscription> {
    const sub = await this.#byToken(token, 'this confirmation link is not valid; use the newest link from the confirmation email');
    if (sub.kind !== 'email') throw new NotAllowedError('this confirmation link is not valid; use the newest link from the confirmation email');
    const next = { ...sub, ...confirmSubscription(sub, splitLinkToken(token)!.secret, this.deps.now()) };
    await this.deps.storage.subscriptions.save(next);
    return next;
  }

  async unsubscribe(token: unknown): Promise<StoredSubscription> {
    const sub = await this.#byToken(token, 'this unsubscribe link is not valid; use the link from a recent status message');
    const next = { ...sub, ...unsubscribe(sub, splitLinkToken(token)!.secret, this.deps.now()) };
    await this.deps.storage.subscriptions.save(next);
    return next;
  }

  async #byToken(token: unknown, invalid: string): Promise<StoredSubscription> {
    const parts = splitLinkToken(token);
    const sub = parts ? await this.deps.storage.subscriptions.get(parts.id) : null;
    if (!sub) throw new NotAllowedError(invalid);
    return sub;
  }

  #checkWebhookTarget(target: string): void {
    if (this.deps.allowPrivateWebhooks) return;
    const host = new URL(target).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || (isIP(host) !== 0 && isPrivateAddress(host))) {
      throw new InputError('subscription is invalid: target: points at a local or private address; give a public https URL', [{ path: 'target', message: 'points at a local or private address; give a public https URL' }]);
    }
  }
}

function isPrivateAddress(ip: string): boolean {
  if (ip.includes(':')) return ip === '::1' || ip === '::' || /^f[cd]/.test(ip) || ip.startsWith('fe80') || ip.startsWith('::ffff:');
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}
