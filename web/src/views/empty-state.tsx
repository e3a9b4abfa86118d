const EXAMPLE = `apiVersion: sloop/v1
service: { name: shop }
slos:
  - { name: checkout-availability, objective: 99.9, window: 28d }
`;

/** Shown when the server has no SLOs: what to write and how to check it. */
export function EmptyState() {
  return (
    <section class="empty" aria-labelledby="empty-title">
      <h2 id="empty-title">No SLOs yet</h2>
      <p>Describe one in a YAML file, for example <code>slos/shop.yaml</code>:</p>
      <pre>
        <code>{EXAMPLE}</code>
      </pre>
      <p>
        Check it with <code>sloop validate slos/</code>, then serve it with <code>sloop serve --config slos/</code>. Push good/total counts to{' '}
        <code>POST /api/v1/slis/checkout-availability/events</code> and the budget appears here.
      </p>
    </section>
  );
}
