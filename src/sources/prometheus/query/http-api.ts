/**
 * A small client for Prometheus's HTTP query API (/api/v1/query, /api/v1/query_range).
 * Every call has an AbortSignal timeout. Failures become typed errors that carry
 * Prometheus's own message: bad PromQL -> InputError; unreachable, timed out, overloaded or
 * an unexpected answer -> UnavailableError.
 */
import { InputError, UnavailableError, describeError } from '../../../errors/index.js';

export interface PrometheusHttpOptions {
  /** Base URL, e.g. http://prometheus:9090 (a path prefix such as /prom is kept). */
  url: string;
  timeoutMs: number;
  fetchImpl?: typeof fetch;
}

/** One series of a query result; instant results have one point, range results many. */
export interface ResultSeries {
  labels: Record<string, string>;
  /** [epoch ms, value] ascending. */
  points: Array<[number, number]>;
}

interface ApiResponse {
  status?: string;
  errorType?: string;
  error?: string;
  data?: { resultType?: string; result?: unknown };
}

/** Evaluates `query` at `atMs`. A scalar comes back as one series without labels. */
export async function instantQuery(options: PrometheusHttpOptions, query: string, atMs: number): Promise<ResultSeries[]> {
  const data = await callApi(options, 'query', { query, time: seconds(atMs) });
  if (data.resultType === 'scalar') return [{ labels: {}, points: [parsePoint(data.result)] }];
  if (data.resultType !== 'vector' || !Array.isArray(data.result)) throw unexpected(options, `resultType ${String(data.resultType)}`);
  return data.result.map((s: { metric?: Record<string, string>; value?: unknown }) => ({
    labels: s.metric ?? {},
    points: [parsePoint(s.value)],
  }));
}

/** Evaluates `query` at start, start+step, ..., end (all in ms). */
export async function rangeQuery(
  options: PrometheusHttpOptions,
  query: string,
  range: { startMs: number; endMs: number; stepMs: number },
): Promise<ResultSeries[]> {
  const data = await callApi(options, 'query_range', {
    query,
    start: seconds(range.startMs),
    end: seconds(range.endMs),
    step: seconds(range.stepMs),
  });
  if (data.resultType !== 'matrix' || !Array.isArray(data.result)) throw unexpected(options, `resultType ${String(data.resultType)}`);
  return data.result.map((s: { metric?: Record<string, string>; values?: unknown }) => ({
    labels: s.metric ?? {},
    points: Array.isArray(s.values) ? s.values.map(parsePoint) : [],
  }));
}

async function callApi(
  options: PrometheusHttpOptions,
  endpoint: 'query' | 'query_range',
  params: Record<string, string>,
): Promise<NonNullable<ApiResponse['data']>> {
  const url = `${options.url.replace(/\/+$/, '')}/api/v1/${endpoint}?${new URLSearchParams({
    ...params,
    // Ask Prometheus to give up too, so an abandoned query does not keep running there.
    timeout: seconds(options.timeoutMs) + 's',
  })}`;
  const fetchImpl = options.fetchImpl ?? fetch;
  let response: Response;
  let body: string;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(options.timeoutMs), headers: { Accept: 'application/json' } });
    body = await response.text();
  } catch (err: unknown) {
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      throw new UnavailableError(
        `Prometheus at ${options.url} did not answer within ${options.timeoutMs} ms; check its load or raise the query timeout`,
        { cause: err },
      );
    }
    const cause = err instanceof Error && err.cause !== undefined ? describeError(err.cause) : describeError(err);
    throw new UnavailableError(`Prometheus at ${options.url} is unreachable (${cause}); check the URL and that Prometheus is running`, { cause: err });
  }
  let parsed: ApiResponse | undefined;
  try {
    parsed = JSON.parse(body) as ApiResponse;
  } catch {
    parsed = undefined;
  }
  if (parsed?.status === 'error') throw apiError(options, parsed);
  if (!response.ok || parsed?.status !== 'success' || !parsed.data) {
    throw unexpected(options, `HTTP ${response.status}${parsed ? '' : `, not JSON: ${body.slice(0, 120)}`}`);
  }
  return parsed.data;
}

/** Prometheus's errorType: bad_data and execution are the query's fault; the rest are Prometheus's. */
function apiError(options: PrometheusHttpOptions, body: ApiResponse): Error {
  const message = body.error ?? 'no error message';
  if (body.errorType === 'bad_data' || body.errorType === 'execution') {
    return new InputError(`Prometheus rejected the query: ${message}; fix the PromQL in the SLO's sli.prometheus`);
  }
  return new UnavailableError(`Prometheus at ${options.url} failed the query (${body.errorType ?? 'unknown'}: ${message}); retry later`);
}

function unexpected(options: PrometheusHttpOptions, detail: string): UnavailableError {
  return new UnavailableError(
    `Prometheus at ${options.url} gave an unexpected answer (${detail}); check that the URL points at the Prometheus HTTP API`,
  );
}

function parsePoint(raw: unknown): [number, number] {
  if (!Array.isArray(raw) || raw.length !== 2) throw new UnavailableError(`unexpected sample in a Prometheus answer: ${JSON.stringify(raw)}`);
  return [Math.round(Number(raw[0]) * 1000), parseValue(String(raw[1]))];
}

/** Prometheus encodes values as strings, with Go's spelling of the infinities. */
function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

function seconds(ms: number): string {
  return String(ms / 1000);
}
