/** What the console shows for a path it does not know. */
export function NotFoundView() {
  return (
    <main id="main" class="content">
      <h1>Not found</h1>
      <p>The console has no page at this address. It may have been mistyped, or the link may be from a newer sloop version.</p>
      <p>
        <a href="/">Back to the SLO overview</a>
      </p>
    </main>
  );
}
