/**
 * Follow-ups: every page resolved as "not actionable" leaves one, because an alert nobody had to
 * act on should be fixed or deleted before it pages someone again.
 */
import type { FollowUp } from '../api/types.js';
import { RelativeTime } from './time.js';

export function FollowUps({ followUps, now, timeZone }: { followUps: readonly FollowUp[]; now: number; timeZone: string }) {
  return (
    <section aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">Follow-ups ({followUps.length})</h2>
      {followUps.length === 0 ? (
        <p class="muted">None open. Resolving a page as <em>not actionable</em> adds one here: fix the alert or delete it.</p>
      ) : (
        <ul class="follow-ups">
          {followUps.map((f) => (
            <li key={f.id} data-page={f.pageId}>
              <strong>{f.title}</strong> <span class="badge status-page">highest priority</span>
              <div class="small">{f.detail}</div>
              <div class="muted small">
                from page {f.pageId}, <RelativeTime at={f.createdAt} now={now} timeZone={timeZone} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
