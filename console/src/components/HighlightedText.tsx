import { matchRanges } from '@parley/shared';

/** Characters shown before the first match, so a match deep in a long message stays in view. */
const LEAD = 24;

/**
 * `text` with every occurrence of `query` (ignoring case and accents, as the search does) marked,
 * starting shortly before the first one.
 */
export function HighlightedText(props: { text: string; query: string }) {
  const ranges = matchRanges(props.text, props.query);
  if (ranges.length === 0) return <>{props.text}</>;
  const from = Math.max(0, ranges[0]![0] - LEAD);
  const parts = [];
  let at = from;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(props.text.slice(at, start));
    parts.push(<mark key={start}>{props.text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(props.text.slice(at));
  return (
    <>
      {from > 0 && '…'}
      {parts}
    </>
  );
}
