import { useId, useState } from 'preact/hooks';
import { useText } from '../text/text-context';

interface Props {
  busy: boolean;
  onSubmit: (csat: number, comment: string) => void;
}

const SCORES = [1, 2, 3, 4, 5] as const;

/** "Rate this conversation": 1 to 5 and an optional comment. */
export function RatingPrompt({ busy, onSubmit }: Props) {
  const { t } = useText();
  const headingId = useId();
  const commentId = useId();
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
      <h3 class="card-title" id={headingId}>
        {t.rateTitle}
      </h3>
      <div class="scale scale-5" role="group" aria-labelledby={headingId}>
        {SCORES.map((n) => (
          <button
            key={n}
            type="button"
            class="score"
            aria-pressed={score === n}
            onClick={() => setScore(n)}
          >
            {n}
          </button>
        ))}
      </div>
      <div class="scale-legend" aria-hidden="true">
        <span>{t.rateLow}</span>
        <span>{t.rateHigh}</span>
      </div>
      <label class="sub-label" for={commentId}>
        {t.comment}
      </label>
      <textarea
        id={commentId}
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
