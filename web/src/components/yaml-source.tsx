/** The config lines that defined an SLO, numbered as in the file. */
export interface SloDefinitionView {
  file: string;
  line: number;
  format: string;
  startLine: number;
  excerpt: string | null;
}

export function YamlSource({ definition }: { definition: SloDefinitionView }) {
  const where = `${definition.file}:${definition.line}`;
  if (definition.excerpt === null) {
    return (
      <p class="muted">
        Defined in <code>{where}</code> ({definition.format}), but the server can no longer read that file. Check that it still exists, then reload the config.
      </p>
    );
  }
  const lines = definition.excerpt.split('\n');
  const width = String(definition.startLine + lines.length - 1).length;
  return (
    <figure class="yaml">
      <figcaption class="muted">
        From <code>{where}</code> ({definition.format} format), as the server loaded it. Defaults set elsewhere in the file also apply.
      </figcaption>
      <pre tabIndex={0} aria-label={`YAML of the SLO, lines ${definition.startLine} to ${definition.startLine + lines.length - 1} of ${definition.file}`}>
        <code>{lines.map((l, i) => `${String(definition.startLine + i).padStart(width)}  ${l}`).join('\n')}</code>
      </pre>
    </figure>
  );
}
