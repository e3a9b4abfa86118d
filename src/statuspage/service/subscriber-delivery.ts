/**
 * Sends subscriber messages through the notify channels' reliability adapter (one breaker and
 * retry policy per webhook host or SMTP relay, retries drawn from the shared budget): webhooks
 * as signed JSON (X-Sloop-Signature, HMAC-SHA256 with the subscription's own secret), email
 * through nodemailer to the SMTP relay from SLOOP_SMTP_URL.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { ChannelPolicies } from '../../notify/channel-policies.js';
import { DeliveryError } from '../../notify/delivery-error.js';
import type { SmtpSettings } from '../../notify/email/index.js';
import { originOf, postJson } from '../../notify/http-post.js';
import type { DeliveryResult } from '../../notify/notification.js';
import { runDelivery } from '../../notify/run-delivery.js';
import { SIGNATURE_HEADER, signWebhookBody } from '../../notify/webhook/signature.js';
import type { EmailText } from './subscriber-messages.js';

export interface SubscriberDelivery {
  /** False without SMTP settings: email subscriptions are then refused up front. */
  readonly emailEnabled: boolean;
  email(to: string, message: EmailText, idempotencyKey: string): Promise<DeliveryResult>;
  webhook(url: string, secret: string | null, body: string, idempotencyKey: string): Promise<DeliveryResult>;
  close(): void;
}

export function createSubscriberDelivery(options: { smtp?: SmtpSettings; policies: ChannelPolicies; clock: () => number }): SubscriberDelivery {
  const { smtp, policies, clock } = options;
  let transport: Transporter | null = null;
  const mailer = (settings: SmtpSettings): Transporter => {
    const timeout = settings.timeoutMs ?? 10_000;
    transport ??= nodemailer.createTransport({
      host: settings.host, port: settings.port, secure: settings.secure ?? false, requireTLS: settings.requireTLS ?? false, auth: settings.auth,
      connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout,
    });
    return transport;
  };
  return {
    emailEnabled: smtp !== undefined,
    async email(to, message, idempotencyKey) {
      if (!smtp) return { ok: false, channel: 'email', destination: to, attempts: 0, durationMs: 0, reason: 'misconfigured', message: 'email is not configured; set SLOOP_SMTP_URL' };
      const policy = policies.for(`email smtp://${smtp.host}:${smtp.port}`);
      return runDelivery('email', to, policy, async () => {
        try {
          await mailer(smtp).sendMail({ from: smtp.from, to, subject: message.subject, text: message.text, html: message.html, headers: { 'X-Sloop-Delivery': idempotencyKey } });
        } catch (err: unknown) {
          const code = (err as { responseCode?: number }).responseCode;
          throw new DeliveryError(typeof code === 'number' && code >= 500 ? 'rejected' : 'unreachable', !(typeof code === 'number' && code >= 500), `SMTP: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
        }
      });
    },
    webhook(url, secret, body, idempotencyKey) {
      const origin = originOf(url);
      return runDelivery('webhook', origin, policies.for(`webhook ${origin}`), (signal) => {
        const headers: Record<string, string> = { 'Idempotency-Key': idempotencyKey, 'X-Sloop-Delivery': idempotencyKey };
        if (secret) headers[SIGNATURE_HEADER] = signWebhookBody(body, secret, clock());
        return postJson(url, body, headers, signal);
      });
    },
    close() {
      transport?.close();
    },
  };
}
