/** What is wrong with one field, in words, right under it; announced as it appears. */
export function FieldErrorText(props: { id: string; text: string | null }) {
  if (!props.text) return null;
  return (
    <p id={props.id} class="field-error" role="alert">
      {props.text}
    </p>
  );
}
