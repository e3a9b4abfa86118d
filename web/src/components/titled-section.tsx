import type { ComponentChildren } from 'preact';

/** A page section named by its h2 (`aria-labelledby` → `${id}-title`), so assistive tech lists it by that name. */
export function TitledSection({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}
