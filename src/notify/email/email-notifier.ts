/**
 * Email over SMTP with nodemailer. Each attempt's AbortSignal goes to sendMail (nodemailer 10
 * closes the SMTP connection on abort), and the socket timeouts equal the attempt timeout as a
 * second guard. The Message-ID is derived from the idempotency key, so a retry after a lost reply is one
 * message to mail clients that thread by Message-ID.
 */
import { createHash } from 'node:crypto';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { ChannelPolicies } from '../channel-policies.js';
import { DeliveryError } from '../delivery-error.js';
import type { Notifier } from '../notification.js';
import { runDelivery } from '../run-delivery.js';
import { emailContent } from './email-message.js';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  secure?: boolean;
  /** Refuse to send without STARTTLS. */
  requireTLS?: boolean;
  auth?: { user: string; pass: string };
  /** `sloop <oncall@example.com>` */
  from: string;
  /** Per-attempt socket timeout; keep equal to the channel policy's timeoutMs. */
  timeoutMs?: number;
}

export function createEmailNotifier(address: string, smtp: SmtpSettings, policies: ChannelPolicies): Notifier {
  const policy = policies.for(`email smtp://${smtp.host}:${smtp.port}`);
  const timeout = smtp.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure ?? false,
    requireTLS: smtp.requireTLS ?? false,
    auth: smtp.auth,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    channel: 'email',
    destination: address,
    send(notification, signal) {
      const content = emailContent(notification);
      const messageId = `<${createHash('sha256').update(notification.idempotencyKey).digest('hex').slice(0, 32)}@sloop>`;
      return runDelivery('email', address, policy, async (attemptSignal) => {
        try {
          await transport.sendMail(withSignal({
            from: smtp.from,
            to: address,
            subject: content.subject,
            text: content.text,
            html: content.html,
            messageId,
            headers: { 'X-Sloop-Page': notification.pageId, 'X-Sloop-Delivery': notification.idempotencyKey },
          }, attemptSignal));
        } catch (err: unknown) {
          throw classifySmtpError(err);
        }
      }, signal);
    },
  };
}

/** `signal` is a nodemailer 10 option that @types/nodemailer 8 does not declare yet. */
function withSignal(options: SendMailOptions, signal: AbortSignal): SendMailOptions {
  return { ...options, signal } as SendMailOptions;
}

function classifySmtpError(err: unknown): DeliveryError {
  const e = err as { responseCode?: number; code?: string; message?: string };
  const message = e.message ?? String(err);
  if (e.code === 'EAUTH') return new DeliveryError('misconfigured', false, `SMTP login failed (${message}); check the SMTP user and password`, { cause: err });
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) {
    return new DeliveryError('rejected', false, `SMTP server refused the message (${message}); check the address and the relay's rules`, { cause: err });
  }
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) {
    return new DeliveryError('serverError', true, `SMTP server deferred the message (${message})`, { cause: err });
  }
  return new DeliveryError('unreachable', true, `could not talk to the SMTP server (${message}); check host and port`, { cause: err });
}
