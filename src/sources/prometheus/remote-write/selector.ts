/**
 * Prometheus series selectors (`name{label="v", code=~"5.."}`) for mapping remote-written
 * series onto SLOs. Semantics follow Prometheus: a missing label equals "", regexes are fully
 * anchored (`^(?:re)$`), and a selector must have one matcher that does not match "" (else
 * it would match every series). Regexes run on JavaScript's engine, not Go's RE2: ordinary
 * patterns behave the same; a leading `(?i)` is supported as the case-insensitive flag.
 */
import { InputError } from '../../../errors/index.js';
import type { Label } from './write-request.js';

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
  /** Compiled, anchored regex for `=~` and `!~`. */
  regex?: RegExp;
}

export interface SeriesSelector {
  text: string;
  matchers: LabelMatcher[];
  /** The metric name when the selector pins `__name__` with `=`; lets callers index by name. */
  metricName?: string;
}

/** A selector syntax error; `position` is 1-based within the selector text. */
export class SelectorSyntaxError extends InputError {
  readonly position: number;
  constructor(text: string, position: number, problem: string) {
    super(
      `invalid series selector ${JSON.stringify(text)} at position ${position}: ${problem}; ` +
        'write it like {__name__="http_requests_total", job="api", code=~"5.."}',
      [{ path: 'selector', message: `position ${position}: ${problem}` }],
    );
    this.position = position;
  }
}

const METRIC_NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL_NAME = /[a-zA-Z_][a-zA-Z0-9_]*/y;
const OPERATOR = /=~|!~|!=|=/y;

export function parseSeriesSelector(text: string): SeriesSelector {
  return new SelectorParser(text).parse();
}

/** True when every matcher accepts the series' labels. */
export function selectorMatches(selector: SeriesSelector, labels: readonly Label[]): boolean {
  for (const m of selector.matchers) {
    const value = labelValue(labels, m.name);
    let ok: boolean;
    switch (m.op) {
      case '=': ok = value === m.value; break;
      case '!=': ok = value !== m.value; break;
      case '=~': ok = m.regex!.test(value); break;
      case '!~': ok = !m.regex!.test(value); break;
    }
    if (!ok) return false;
  }
  return true;
}

export function labelValue(labels: readonly Label[], name: string): string {
  for (const l of labels) if (l.name === name) return l.value;
  return '';
}

class SelectorParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(): SeriesSelector {
    const matchers: LabelMatcher[] = [];
    this.skipSpace();
    const name = this.match(METRIC_NAME);
    if (name !== null) matchers.push({ name: '__name__', op: '=', value: name });
    this.skipSpace();
    if (this.pos < this.text.length || name === null) {
      this.expect('{', name === null ? 'a metric name or "{"' : '"{"');
      matchers.push(...this.parseMatchers(name !== null));
    }
    this.skipSpace();
    if (this.pos < this.text.length) this.fail('unexpected text after "}"');
    if (!matchers.some((m) => !matchesEmpty(m))) {
      throw new SelectorSyntaxError(this.text, 1, 'the selector matches every series; add a matcher that does not match the empty string, such as __name__="..."');
    }
    const nameMatcher = matchers.find((m) => m.name === '__name__' && m.op === '=');
    return { text: this.text, matchers, ...(nameMatcher ? { metricName: nameMatcher.value } : {}) };
  }

  private parseMatchers(hasMetricName: boolean): LabelMatcher[] {
    const matchers: LabelMatcher[] = [];
    for (;;) {
      this.skipSpace();
      if (this.peek('}')) break;
      const at = this.pos;
      const label = this.match(LABEL_NAME);
      if (label === null) this.fail('expected a label name or "}"');
      this.skipSpace();
      const op = this.match(OPERATOR) as MatchOp | null;
      if (op === null) this.fail(`expected "=", "!=", "=~" or "!~" after label name "${label}"`);
      this.skipSpace();
      const valueAt = this.pos;
      const value = this.parseString();
      if (label === '__name__' && hasMetricName) {
        throw new SelectorSyntaxError(this.text, at + 1, 'the metric name is set twice (before "{" and as __name__)');
      }
      const matcher: LabelMatcher = { name: label!, op: op!, value };
      if (op === '=~' || op === '!~') matcher.regex = this.compileRegex(value, valueAt);
      matchers.push(matcher);
      this.skipSpace();
      if (this.peek(',')) { this.pos++; continue; }
      if (!this.peek('}')) this.fail('expected "," or "}" after a matcher');
    }
    this.pos++;
    return matchers;
  }

  /** Go string literals as PromQL accepts them: "..." and '...' with escapes, `...` raw. */
  private parseString(): string {
    const quote = this.text[this.pos];
    if (quote !== '"' && quote !== "'" && quote !== '`') this.fail('expected a quoted label value');
    const start = this.pos;
    this.pos++;
    let out = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos++];
      if (ch === quote) return out;
      if (ch === '\\' && quote !== '`') {
        const esc = this.text[this.pos++];
        const mapped = ESCAPES[esc ?? ''];
        if (mapped === undefined) {
          this.pos--;
          this.fail(`unknown escape sequence "\\${esc ?? ''}" in a label value`);
        }
        out += mapped;
      } else {
        out += ch;
      }
    }
    this.pos = start;
    this.fail('unterminated label value string');
  }

  private compileRegex(source: string, at: number): RegExp {
    let body = source;
    let flags = '';
    if (body.startsWith('(?i)')) { body = body.slice(4); flags = 'i'; }
    try {
      return new RegExp(`^(?:${body})$`, flags);
    } catch (err: unknown) {
      const reason = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err);
      throw new SelectorSyntaxError(this.text, at + 1, `invalid regular expression (${reason})`);
    }
  }

  private match(re: RegExp): string | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return null;
    this.pos += m[0].length;
    return m[0];
  }

  private expect(ch: string, what: string): void {
    if (!this.peek(ch)) this.fail(`expected ${what}`);
    this.pos++;
  }

  private peek(ch: string): boolean {
    return this.text[this.pos] === ch;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private fail(problem: string): never {
    const found = this.pos < this.text.length ? ` (found ${JSON.stringify(this.text[this.pos])})` : ' (found the end)';
    throw new SelectorSyntaxError(this.text, this.pos + 1, problem + found);
  }
}

const ESCAPES: Record<string, string> = {
  '\\': '\\', '"': '"', "'": "'", n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v',
};

function matchesEmpty(m: LabelMatcher): boolean {
  switch (m.op) {
    case '=': return m.value === '';
    case '!=': return m.value !== '';
    case '=~': return m.regex!.test('');
    case '!~': return !m.regex!.test('');
  }
}
