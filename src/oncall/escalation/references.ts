/**
 * Cross-checks the names escalation policies use against the people, teams and schedules of
 * the on-call config (parsed elsewhere), so a typo fails `sloop validate` rather than a page.
 */
import type { Diagnostic } from '../../errors/index.js';
import type { EscalationPolicy, EscalationTarget } from './model.js';

export interface KnownNames {
  people: Iterable<string>;
  teams: Iterable<string>;
  schedules: Iterable<string>;
}

export function checkEscalationReferences(policies: readonly EscalationPolicy[], known: KnownNames): Diagnostic[] {
  const people = new Set(known.people);
  const teams = new Set(known.teams);
  const schedules = new Set(known.schedules);
  const diagnostics: Diagnostic[] = [];
  policies.forEach((policy, p) => {
    const check = (targets: readonly EscalationTarget[], path: string) =>
      targets.forEach((target, t) => {
        const field = `escalationPolicies[${p}].${path}.notify[${t}]`;
        const problem = (message: string) => diagnostics.push({ severity: 'error', ...policy.origin, field, message });
        if (target.type === 'schedule' && !schedules.has(target.schedule)) {
          problem(`unknown schedule "${target.schedule}"; define it under schedules or fix the name`);
        } else if (target.type === 'team' && !teams.has(target.team)) {
          problem(`unknown team "${target.team}"; define it under teams or fix the name`);
        } else if (target.type === 'people') {
          for (const person of target.people.filter((id) => !people.has(id))) {
            problem(`unknown person "${person}"; define them under people or fix the id`);
          }
        }
      });
    policy.steps.forEach((step, s) => check(step.targets, `steps[${s}]`));
    if (policy.finalStep) check(policy.finalStep.targets, 'finalStep');
  });
  return diagnostics;
}
