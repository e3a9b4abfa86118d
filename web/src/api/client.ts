/**
 * The console's only way to the server: same-origin fetch with the session cookie, the CSRF
 * header on writes, and every failure turned into a sentence (ApiError.message) that can be
 * shown as is. Raw JSON never reaches the screen.
 */
import type { AlertsResponse, FollowUp, GateDecision, OnCallAnswer, Page, PageDetail, ScheduleSummary, SessionInfo, Shift, SloDetailAnswer, SloListEntry } from './types.js';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const STATUS_WORDS: Record<number, string> = {
  401: 'You are not logged in, or your session ended. Log in again with your token.',
  403: 'Your token does not allow this.',
  404: 'Not found.',
  413: 'The request was too large.',
  500: 'The server failed; its log has the details.',
  502: 'The server is unreachable.',
  503: 'The server is not ready yet; try again in a moment.',
};

/** A sentence for a failed response: the server's own message when it sent one. */
export async function errorMessage(res: Response): Promise<string> {
  let message: string | null = null;
  try {
    const body: unknown = await res.json();
    const error = (body as { error?: { message?: unknown } } | null)?.error;
    if (error && typeof error.message === 'string') message = error.message;
  } catch {
    message = null;
  }
  const sentence = message ? message.charAt(0).toUpperCase() + message.slice(1) : (STATUS_WORDS[res.status] ?? `The server answered ${res.status}.`);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError('Cannot reach the sloop server. Check that it is running and reload the page.', 0);
  }
  if (!res.ok) throw new ApiError(await errorMessage(res), res.status);
  return (await res.json()) as T;
}

export const api = {
  login: (token: string) => request<SessionInfo & { csrfToken: string }>('POST', '/api/v1/session', { token }),
  logout: () => request<{ loggedOut: boolean }>('DELETE', '/api/v1/session'),
  session: () => request<SessionInfo>('GET', '/api/v1/session'),
  slos: () => request<{ slos: SloListEntry[] }>('GET', '/api/v1/slos'),
  slo: (name: string) => request<SloDetailAnswer>('GET', `/api/v1/slos/${encodeURIComponent(name)}?points=120`),
  alerts: (slo: string) => request<AlertsResponse>('GET', `/api/v1/alerts?slo=${encodeURIComponent(slo)}&limit=50`),
  gate: (service: string) => request<GateDecision>('GET', `/api/v1/gate?service=${encodeURIComponent(service)}`),
  pages: () => request<{ pages: Page[] }>('GET', '/api/v1/pages?limit=100'),
  page: (id: string) => request<PageDetail>('GET', `/api/v1/pages/${encodeURIComponent(id)}`),
  acknowledge: (id: string) => request<{ page: Page }>('POST', `/api/v1/pages/${encodeURIComponent(id)}/acknowledge`, {}),
  resolve: (id: string, actionable: boolean) => request<{ page: Page }>('POST', `/api/v1/pages/${encodeURIComponent(id)}/resolve`, { actionable }),
  followUps: () => request<{ followUps: FollowUp[] }>('GET', '/api/v1/follow-ups'),
  schedules: () => request<{ schedules: ScheduleSummary[] }>('GET', '/api/v1/schedules'),
  onCall: (schedule: string) => request<OnCallAnswer>('GET', `/api/v1/schedules/${encodeURIComponent(schedule)}/oncall`),
  shifts: (schedule: string, from: number, to: number) =>
    request<{ shifts: Shift[] }>('GET', `/api/v1/schedules/${encodeURIComponent(schedule)}/shifts?from=${from}&to=${to}`),
};
