/** JSON POST for the HTTP channels, classifying answers so only the retryable ones are retried. */
import { describeError } from '../errors/index.js';
import { DeliveryError } from './delivery-error.js';

const MAX_ERROR_BODY = 300;

export async function postJson(url: string, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, signal, redirect: 'error' });
  } catch (err: unknown) {
    if (signal.aborted) throw err;
    const cause = err instanceof Error && err.cause !== undefined ? describeError(err.cause) : describeError(err);
    throw new DeliveryError('unreachable', true, `could not reach the receiver (${cause}); check the URL and that it is up`, { cause: err });
  }
  const text = (await response.text().catch(() => '')).slice(0, MAX_ERROR_BODY);
  if (response.ok) return;
  const said = text ? `: ${text}` : '';
  // 408 and 429 are the receiver asking to try later; other 4xx mean the request itself is wrong.
  if (response.status >= 500 || response.status === 408 || response.status === 429) {
    throw new DeliveryError('serverError', true, `receiver answered HTTP ${response.status}${said}`);
  }
  throw new DeliveryError('rejected', false, `receiver refused the message with HTTP ${response.status}${said}; check the URL and the receiver's settings`);
}

/** The part of a URL that is safe to show: scheme, host and port, never the secret path. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}
