/**
 * Recording rules for the SLI over every window the alert policy uses. Events SLIs record the
 * error and total rates separately (so the period SLI and the min-events guard can weight by
 * traffic) and their ratio; raw error-ratio SLIs can only record the ratio.
 *
 * `(<bad>) or (0 * (<total>))`: a selector such as `code=~"5.."` returns nothing until the
 * first error ever happens, which would leave the ratio, the period SLI and the remaining
 * budget empty for a healthy service. Falling back to zero errors wherever there is traffic
 * keeps them defined.
 */
import type { PrometheusSli } from '../../slo/index.js';
import { RECORD, type SloRuleContext } from './context.js';
import { substituteWindow } from './promql.js';
import type { RecordingRule } from './types.js';

export function buildSliRules(ctx: SloRuleContext, sli: PrometheusSli): RecordingRule[] {
  const labels = ctx.ruleLabels;
  const rules: RecordingRule[] = [];
  for (const minutes of ctx.recordedMinutes) {
    if (sli.type === 'errorRatio') {
      rules.push({ record: RECORD.errorRatio(minutes), expr: substituteWindow(sli.query, minutes), labels });
      continue;
    }
    const total = substituteWindow(sli.total, minutes);
    rules.push(
      { record: RECORD.errorEvents(minutes), expr: errorEventsExpr(sli, total, minutes), labels },
      { record: RECORD.totalEvents(minutes), expr: total, labels },
      {
        record: RECORD.errorRatio(minutes),
        expr: `${RECORD.errorEvents(minutes)}${ctx.selector}\n/\n${RECORD.totalEvents(minutes)}${ctx.selector}`,
        labels,
      },
    );
  }
  return rules;
}

function errorEventsExpr(sli: Extract<PrometheusSli, { type: 'events' }>, total: string, minutes: number): string {
  const zeroWhereTraffic = `(0 * (${total}))`;
  if (sli.bad !== undefined) {
    return `(${substituteWindow(sli.bad, minutes)})\nor\n${zeroWhereTraffic}`;
  }
  if (sli.good !== undefined) {
    // With no good series at all (a full outage after a restart) every event is an error.
    return `(${total})\n-\n(\n  (${substituteWindow(sli.good, minutes)})\n  or\n  ${zeroWhereTraffic}\n)`;
  }
  throw new RangeError('events SLI has neither a good nor a bad query');
}
