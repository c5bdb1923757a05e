import { useId, useState } from 'preact/hooks';
import { useText } from '../text/text-context';
import { onRowKey } from './row-keys';

interface Props {
  /** The site's own question in the visitor's language, if it set one. */
  question?: string | undefined;
  busy: boolean;
  onScore: (nps: number) => void;
  onSkip: () => void;
}

const SCORES = Array.from({ length: 11 }, (_, i) => i);

/**
 * "How likely are you to recommend us?": a 0–10 segmented scale that fits the panel's width,
 * its ends labelled (and described to screen readers on 0 and 10). One tab stop, the arrows move
 * along it, Enter or a click answers.
 */
export function NpsPrompt({ question, busy, onScore, onSkip }: Props) {
  const { t } = useText();
  const id = useId();
  const [at, setAt] = useState(0);
  return (
    <div class="rating">
      <h3 class="card-title" id={id}>
        {question ?? t.npsTitle}
      </h3>
      <div
        class="scale nps"
        role="group"
        aria-labelledby={id}
        tabIndex={-1}
        onKeyDown={(event) => onRowKey(event, setAt)}
      >
        {SCORES.map((n) => (
          <button
            key={n}
            type="button"
            class="score"
            disabled={busy}
            tabIndex={n === at ? 0 : -1}
            aria-describedby={n === 0 ? `${id}-lo` : n === 10 ? `${id}-hi` : undefined}
            onClick={() => onScore(n)}
          >
            {n}
          </button>
        ))}
      </div>
      <div class="scale-legend">
        <span id={`${id}-lo`}>{t.npsLow}</span>
        <span id={`${id}-hi`}>{t.npsHigh}</span>
      </div>
      <button type="button" class="link-button skip" onClick={onSkip}>
        {t.skip}
      </button>
    </div>
  );
}
