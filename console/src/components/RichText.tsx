import { linkify } from '@parley/shared';

/**
 * Message text as text: Preact escapes it, and only http(s) URLs become links, opened in a new tab
 * without giving the visitor's page a handle on ours.
 */
export function RichText(props: { text: string }) {
  return (
    <>
      {linkify(props.text).map((part, index) =>
        part.kind === 'link' ? (
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
