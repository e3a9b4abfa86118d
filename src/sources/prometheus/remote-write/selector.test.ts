import { describe, expect, it } from 'vitest';
import { InputError } from '../../../errors/index.js';
import { parseSeriesSelector, selectorMatches, SelectorSyntaxError } from './selector.js';
import type { Label } from './write-request.js';

const series = (labels: Record<string, string>): Label[] =>
  Object.entries(labels).map(([name, value]) => ({ name, value }));

const api500 = series({ __name__: 'http_requests_total', code: '500', job: 'api' });
const api200 = series({ __name__: 'http_requests_total', code: '200', job: 'api' });
const web503 = series({ __name__: 'http_requests_total', code: '503', job: 'web' });

function errorOf(text: string): SelectorSyntaxError {
  try {
    parseSeriesSelector(text);
  } catch (err: unknown) {
    if (err instanceof SelectorSyntaxError) return err;
    throw err;
  }
  throw new Error(`expected ${text} to be rejected`);
}

describe('parseSeriesSelector', () => {
  it('parses the four operators and a metric name written before the braces', () => {
    const s = parseSeriesSelector('http_requests_total{job="api", code=~"5..", path!="/health", method!~`GET|HEAD`}');
    expect(s.metricName).toBe('http_requests_total');
    expect(s.matchers.map((m) => [m.name, m.op, m.value])).toEqual([
      ['__name__', '=', 'http_requests_total'],
      ['job', '=', 'api'],
      ['code', '=~', '5..'],
      ['path', '!=', '/health'],
      ['method', '!~', 'GET|HEAD'],
    ]);
  });

  it('matches series the way Prometheus does', () => {
    const bad = parseSeriesSelector('{__name__="http_requests_total", job="api", code=~"5.."}');
    expect(selectorMatches(bad, api500)).toBe(true);
    expect(selectorMatches(bad, api200)).toBe(false);
    expect(selectorMatches(bad, web503)).toBe(false);
  });

  it('anchors regexes at both ends', () => {
    const s = parseSeriesSelector('{__name__="http_requests_total", code=~"5"}');
    expect(selectorMatches(s, api500)).toBe(false);
    const t = parseSeriesSelector('{__name__="http_requests_total", code=~"5|20"}');
    expect(selectorMatches(t, api200)).toBe(false);
  });

  it('treats a missing label as the empty string', () => {
    const s = parseSeriesSelector('http_requests_total{tenant=""}');
    expect(selectorMatches(s, api500)).toBe(true);
    const t = parseSeriesSelector('http_requests_total{tenant!=""}');
    expect(selectorMatches(t, api500)).toBe(false);
  });

  it('accepts a bare metric name, single quotes, escapes, trailing commas and (?i)', () => {
    expect(selectorMatches(parseSeriesSelector('http_requests_total'), web503)).toBe(true);
    const s = parseSeriesSelector("{ __name__ = 'http_requests_total' , job=~\"(?i)API\" , }");
    expect(selectorMatches(s, api200)).toBe(true);
    expect(parseSeriesSelector('{__name__="a\\"b\\n"}').matchers[0].value).toBe('a"b\n');
  });

  it('names the position of a missing operator', () => {
    const err = errorOf('{job="api", code 500}');
    expect(err).toBeInstanceOf(InputError);
    expect(err.position).toBe(18);
    expect(err.message).toMatch(/at position 18: expected "=", "!=", "=~" or "!~" after label name "code"/);
  });

  it('names the position of an invalid regex', () => {
    const err = errorOf('{__name__="x", code=~"5(.."}');
    expect(err.position).toBe(22);
    expect(err.message).toMatch(/invalid regular expression/);
  });

  it('rejects unterminated strings, unclosed braces and trailing text', () => {
    expect(errorOf('{job="api}').message).toMatch(/position 6: unterminated label value string/);
    expect(errorOf('{job="api"').message).toMatch(/position 11: expected "," or "}"/);
    expect(errorOf('{job="api"} x').message).toMatch(/position 13: unexpected text after "}"/);
    expect(errorOf('').message).toMatch(/position 1: expected a metric name or "{"/);
  });

  it('rejects a selector that would match every series', () => {
    expect(errorOf('{code=~".*"}').message).toMatch(/matches every series/);
    expect(errorOf('{}').message).toMatch(/matches every series/);
  });

  it('rejects a metric name given twice', () => {
    expect(errorOf('up{__name__="up"}').message).toMatch(/position 4: the metric name is set twice/);
  });
});
