import { Fragment } from 'preact';
import { useId, useState } from 'preact/hooks';
import { useText } from '../text/text-context';
import { StarIcon } from './icons';
import { onRowKey } from './row-keys';

interface Props {
  /** The site's own question in the visitor's language, if it set one. */
  question?: string | undefined;
  busy: boolean;
  onSubmit: (csat: number, comment: string) => void;
}

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * "Rate this conversation": five stars, each named by its number and described by its word
 * ("Good"), and an optional comment. The row is one tab stop; the arrows move and choose.
 */
export function RatingPrompt({ question, busy, onSubmit }: Props) {
  const { t } = useText();
  const id = useId();
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  return (
    <form
      class="rating"
      onSubmit={(event) => {
        event.preventDefault();
        if (score !== null) onSubmit(score, comment);
      }}
    >
      <h3 class="card-title" id={id}>
        {question ?? t.rateTitle}
      </h3>
      <div
        class="scale stars"
        role="group"
        aria-labelledby={id}
        tabIndex={-1}
        onKeyDown={(event) => onRowKey(event, (index) => setScore(index + 1))}
      >
        {SCORES.map((n) => (
          <Fragment key={n}>
            <button
              type="button"
              class={`star${score !== null && n <= score ? ' is-lit' : ''}`}
              aria-pressed={score === n}
              aria-describedby={`${id}-${n}`}
              tabIndex={n === (score ?? 1) ? 0 : -1}
              onClick={() => setScore(n)}
            >
              <StarIcon />
              {n}
            </button>
            <span id={`${id}-${n}`} class="star-label">
              {t.csatLabels[n - 1]}
            </span>
          </Fragment>
        ))}
      </div>
      <label class="sub-label" for={`${id}-c`}>
        {t.comment}
      </label>
      <textarea
        id={`${id}-c`}
        rows={2}
        placeholder={t.commentPlaceholder}
        value={comment}
        onInput={(event) => setComment(event.currentTarget.value)}
      />
      <button type="submit" class="primary" disabled={score === null || busy}>
        {t.sendRating}
      </button>
    </form>
  );
}
