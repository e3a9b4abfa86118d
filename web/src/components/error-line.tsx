/** An API or form error as a sentence, announced to screen readers; nothing when there is none. */
export function ErrorLine({ error }: { error: string | null | undefined }) {
  return error ? (
    <p class="error" role="alert">
      {error}
    </p>
  ) : null;
}
