import { Fragment } from 'preact';

/** A person shown by name (from GET /api/v1/people), with the id on hover; the id alone when the name is unknown. */
export function PersonName({ id, names }: { id: string; names: ReadonlyMap<string, string> }) {
  const name = names.get(id);
  return name && name !== id ? (
    <span class="person" title={id}>
      {name}
    </span>
  ) : (
    <span class="person">{id}</span>
  );
}

/** Several people, comma-separated. */
export function PeopleNames({ ids, names }: { ids: readonly string[]; names: ReadonlyMap<string, string> }) {
  return (
    <>
      {ids.map((id, i) => (
        <Fragment key={id}>
          {i > 0 && ', '}
          <PersonName id={id} names={names} />
        </Fragment>
      ))}
    </>
  );
}
