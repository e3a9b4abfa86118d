/**
 * Sends the weekly follow-through digest now, to the webhook and/or mailbox configured in the
 * server's environment (SLOOP_DIGEST_WEBHOOK_URL: JSON `{ subject, text, html }`;
 * SLOOP_DIGEST_EMAIL with SLOOP_SMTP_URL: an email with text and HTML parts). Each send runs
 * through a channel policy (timeout, retries, breaker) and reports its own result.
 */
import nodemailer from 'nodemailer';
import type { Digest } from '../../actions/digest.js';
import { InputError } from '../../errors/index.js';
import { ChannelPolicies, type DeliveryResult, type ReliabilitySettings, type SmtpSettings } from '../../notify/index.js';
import { originOf, postJson } from '../../notify/http-post.js';
import { runDelivery } from '../../notify/run-delivery.js';

export interface DigestTargets {
  webhookUrl: string | null;
  email: string | null;
  smtp: SmtpSettings | undefined;
}

export function digestTargetsFromEnv(env: Readonly<Record<string, string | undefined>>, smtp: SmtpSettings | undefined): DigestTargets {
  return { webhookUrl: env.SLOOP_DIGEST_WEBHOOK_URL || null, email: env.SLOOP_DIGEST_EMAIL || null, smtp };
}

export class DigestSender {
  readonly #policies: ChannelPolicies;

  constructor(private readonly targets: () => DigestTargets, reliability?: ReliabilitySettings) {
    this.#policies = new ChannelPolicies(reliability);
  }

  async send(digest: Digest): Promise<DeliveryResult[]> {
    const { webhookUrl, email, smtp } = this.targets();
    if (!webhookUrl && !email) throw new InputError('no digest destination; set SLOOP_DIGEST_WEBHOOK_URL and/or SLOOP_DIGEST_EMAIL (with SLOOP_SMTP_URL) on the server and restart it');
    if (email && !smtp) throw new InputError('SLOOP_DIGEST_EMAIL is set but SLOOP_SMTP_URL is not; set the SMTP relay and restart the server');
    const results: Promise<DeliveryResult>[] = [];
    if (webhookUrl) {
      const destination = originOf(webhookUrl);
      const body = JSON.stringify({ type: 'sloop.followThroughDigest', ...digest });
      results.push(runDelivery('webhook', destination, this.#policies.for(`webhook ${destination}`), (signal) => postJson(webhookUrl, body, {}, signal)));
    }
    if (email && smtp) {
      const timeout = smtp.timeoutMs ?? 10_000;
      const transport = nodemailer.createTransport({
        host: smtp.host, port: smtp.port, secure: smtp.secure ?? false, requireTLS: smtp.requireTLS ?? false, auth: smtp.auth,
        connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout,
      });
      results.push(runDelivery('email', email, this.#policies.for(`email smtp://${smtp.host}:${smtp.port}`), async () => {
        await transport.sendMail({ from: smtp.from, to: email, subject: digest.subject, text: digest.text, html: digest.html });
      }));
    }
    return Promise.all(results);
  }
}
