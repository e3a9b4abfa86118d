/**
 * Status-page subscribers. Email subscriptions use double opt-in: they stay `pending` until
 * the confirmation link (a one-time token) is followed, so nobody can sign someone else up.
 * Every subscription carries an unsubscribe token for the link in each message. Only SHA-256
 * hashes of tokens are stored; randomness is passed in (`newToken(bytes)`), keeping this pure.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ConflictError, InputError, NotAllowedError } from '../errors/index.js';
import { FieldChecks } from '../incidents/validate.js';

export type SubscriptionKind = 'email' | 'webhook';
export type SubscriptionState = 'pending' | 'active' | 'unsubscribed';

export interface Subscription {
  id: string;
  kind: SubscriptionKind;
  /** Email address or webhook URL: private, never shown on the page. */
  target: string;
  /** Component ids to hear about; empty means every component. */
  components: string[];
  state: SubscriptionState;
  confirmTokenHash: string | null;
  confirmExpiresAt: number | null;
  unsubscribeTokenHash: string;
  createdAt: number;
  confirmedAt: number | null;
  unsubscribedAt: number | null;
}

export const CONFIRM_TTL_MS = 48 * 3_600_000;

/** A URL-safe token from at least 16 random bytes (pass `crypto.randomBytes(32)`). */
export function newToken(randomBytes: Uint8Array): string {
  if (randomBytes.length < 16) throw new RangeError('a token needs at least 16 random bytes');
  return Buffer.from(randomBytes).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function tokenMatches(token: unknown, hash: string | null): boolean {
  if (typeof token !== 'string' || hash === null) return false;
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createSubscription(
  input: { kind?: unknown; target?: unknown; components?: unknown },
  ctx: { id: string; now: number; confirmToken: string; unsubscribeToken: string; knownComponents: readonly string[] },
): Subscription {
  const c = new FieldChecks();
  const kind = c.oneOf<SubscriptionKind>('kind', input.kind, ['email', 'webhook'], 'subscription kind');
  let target = '';
  if (kind === 'email') {
    target = c.text('target', input.target, 254, 'email address').toLowerCase();
    if (target && !/^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$/.test(target)) c.add('target', 'is not an email address');
  } else {
    target = c.url('target', input.target) ?? '';
    if (!target && !c.problems.some((p) => p.path === 'target')) c.add('target', 'is required; give the https URL to post status changes to');
  }
  const components = c.names('components', input.components, 'component');
  for (const [i, id] of components.entries()) if (!ctx.knownComponents.includes(id)) c.add(`components[${i}]`, `unknown component "${id}"`);
  c.throwIfAny('subscription');
  const email = kind === 'email';
  return {
    id: ctx.id,
    kind,
    target,
    components,
    // A webhook owner configures the URL themselves; an email address must prove it wants mail.
    state: email ? 'pending' : 'active',
    confirmTokenHash: email ? hashToken(ctx.confirmToken) : null,
    confirmExpiresAt: email ? ctx.now + CONFIRM_TTL_MS : null,
    unsubscribeTokenHash: hashToken(ctx.unsubscribeToken),
    createdAt: ctx.now,
    confirmedAt: email ? null : ctx.now,
    unsubscribedAt: null,
  };
}

export function confirmSubscription(sub: Subscription, token: unknown, now: number): Subscription {
  if (sub.state === 'active') return sub;
  if (sub.state === 'unsubscribed') throw new ConflictError('this subscription was cancelled; subscribe again to get updates');
  if (!tokenMatches(token, sub.confirmTokenHash)) throw new NotAllowedError('this confirmation link is not valid; use the newest link from the confirmation email');
  if (sub.confirmExpiresAt !== null && now > sub.confirmExpiresAt) throw new ConflictError('this confirmation link has expired; subscribe again to get a new one');
  return { ...sub, state: 'active', confirmTokenHash: null, confirmExpiresAt: null, confirmedAt: now };
}

export function unsubscribe(sub: Subscription, token: unknown, now: number): Subscription {
  if (!tokenMatches(token, sub.unsubscribeTokenHash)) throw new NotAllowedError('this unsubscribe link is not valid; use the link from a recent status email');
  if (sub.state === 'unsubscribed') return sub;
  return { ...sub, state: 'unsubscribed', confirmTokenHash: null, confirmExpiresAt: null, unsubscribedAt: now };
}

/** Active subscriptions that want to hear about a change to any of `componentIds`. */
export function subscribersFor(subs: readonly Subscription[], componentIds: readonly string[]): Subscription[] {
  return subs.filter((s) => s.state === 'active' && (s.components.length === 0 || s.components.some((c) => componentIds.includes(c))));
}

/** Links for emails; tokens travel only in these URLs, never stored in clear. */
export function subscriptionLinks(baseUrl: string, sub: Pick<Subscription, 'id'>, tokens: { confirm?: string; unsubscribe: string }): { confirm: string | null; unsubscribe: string } {
  if (!/^https?:\/\//.test(baseUrl)) throw new InputError('status page publicUrl must be an absolute http(s) URL to build email links', [{ path: 'publicUrl', message: 'set it in the StatusPage config' }]);
  const base = baseUrl.replace(/\/+$/, '');
  const id = encodeURIComponent(sub.id);
  return {
    confirm: tokens.confirm ? `${base}/status/subscriptions/${id}/confirm?token=${encodeURIComponent(tokens.confirm)}` : null,
    unsubscribe: `${base}/status/subscriptions/${id}/unsubscribe?token=${encodeURIComponent(tokens.unsubscribe)}`,
  };
}
