/** A console path whose server API has not landed yet. */
export function NotYetView({ title, needs }: { title: string; needs: string }) {
  return (
    <main id="main" class="content">
      <h1>{title}</h1>
      <p>This view needs {needs}, which this sloop server does not offer yet. See docs/console.md for what the console covers today.</p>
      <p>
        <a href="/">Back to the SLO overview</a>
      </p>
    </main>
  );
}
