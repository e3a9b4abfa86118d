/**
 * Who a page reached and how: one row per planned delivery (person, contact method, status,
 * attempts, where it went or why it failed). Destinations are origins only (the notifiers never
 * record a webhook's path or token), so read sessions may see them.
 */
import type { StoredDelivery } from '../api/types.js';
import { PersonName } from './person-name.js';
import { RelativeTime } from './time.js';

const STATUS_WORDS: Record<StoredDelivery['status'], string> = {
  pending: 'Waiting',
  sending: 'Sending',
  delivered: 'Delivered',
  failed: 'Failed',
  skipped: 'Skipped',
};

export function PageDeliveries({ deliveries, names, now, timeZone }: { deliveries: readonly StoredDelivery[]; names: ReadonlyMap<string, string>; now: number; timeZone: string }) {
  if (deliveries.length === 0) return <p class="muted small">No notifications planned yet.</p>;
  return (
    <table class="deliveries">
      <caption class="small">Notifications</caption>
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col">Contact method</th>
          <th scope="col">Due</th>
          <th scope="col">Status</th>
          <th scope="col">Tries</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr key={d.id} data-delivery-status={d.status}>
            <td>
              <PersonName id={d.personId} names={names} />
            </td>
            <td>{d.contactMethodId}</td>
            <td>
              <RelativeTime at={d.dueAt} now={now} timeZone={timeZone} />
            </td>
            <td>{STATUS_WORDS[d.status]}</td>
            <td>{d.attempts}</td>
            <td class="small">{d.deliveredVia ?? d.lastError ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
