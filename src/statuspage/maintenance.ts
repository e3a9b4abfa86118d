/**
 * Scheduled maintenance windows: announced ahead (listed as upcoming from `announceAt`),
 * shown as in progress while running (their components show under_maintenance), and kept in
 * history once completed. Everything in a window is public text.
 */
import { FieldChecks } from '../incidents/validate.js';

export interface MaintenanceWindow {
  id: string;
  title: string;
  description: string;
  components: string[];
  startsAt: number;
  endsAt: number;
  /** When the window appears on the page as upcoming. */
  announceAt: number;
  createdBy: string;
  createdAt: number;
}

export type MaintenanceState = 'scheduled' | 'upcoming' | 'in_progress' | 'completed';

export function maintenanceState(w: Pick<MaintenanceWindow, 'startsAt' | 'endsAt' | 'announceAt'>, now: number): MaintenanceState {
  if (now >= w.endsAt) return 'completed';
  if (now >= w.startsAt) return 'in_progress';
  return now >= w.announceAt ? 'upcoming' : 'scheduled';
}

export interface MaintenanceInput {
  title?: unknown;
  description?: unknown;
  components?: unknown;
  startsAt?: unknown;
  endsAt?: unknown;
  announceAt?: unknown;
}

const DAY_MS = 86_400_000;

export function createMaintenance(input: MaintenanceInput, knownComponents: readonly string[], ctx: { id: string; now: number; by: string }): MaintenanceWindow {
  const c = new FieldChecks();
  const title = c.text('title', input.title, 200, 'maintenance title');
  const description = c.optionalText('description', input.description, 2000, 'description') ?? '';
  const components = c.names('components', input.components, 'component');
  if (components.length === 0) c.add('components', 'list at least one component the maintenance affects');
  for (const [i, id] of components.entries()) if (!knownComponents.includes(id)) c.add(`components[${i}]`, `unknown component "${id}"; use one of ${knownComponents.join(', ')}`);
  const startsAt = c.time('startsAt', input.startsAt, 'when the maintenance starts');
  const endsAt = c.time('endsAt', input.endsAt, 'when it ends');
  if (endsAt <= startsAt) c.add('endsAt', 'must be after startsAt');
  if (endsAt <= ctx.now) c.add('endsAt', 'is in the past; a maintenance window must end in the future');
  // Announce a week ahead by default, never later than the start.
  const announceAt = input.announceAt === undefined ? Math.max(ctx.now, startsAt - 7 * DAY_MS) : c.time('announceAt', input.announceAt, 'when to announce it');
  if (announceAt > startsAt) c.add('announceAt', 'must not be after startsAt; announce the window before it begins');
  c.throwIfAny('maintenance window');
  return { id: ctx.id, title, description, components, startsAt, endsAt, announceAt, createdBy: ctx.by, createdAt: ctx.now };
}
