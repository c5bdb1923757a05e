import { useId } from 'preact/hooks';
import { useText } from '../text/text-context';

interface Props {
  busy: boolean;
  onScore: (nps: number) => void;
  onSkip: () => void;
}

const SCORES = Array.from({ length: 11 }, (_, i) => i);

/** "How likely are you to recommend us?": 0 to 10, one click answers. */
export function NpsPrompt({ busy, onScore, onSkip }: Props) {
  const { t } = useText();
  const headingId = useId();
  return (
    <div class="rating">
      <h3 class="card-title" id={headingId}>
        {t.npsTitle}
      </h3>
      <div class="scale scale-11" role="group" aria-labelledby={headingId}>
        {SCORES.map((n) => (
          <button key={n} type="button" class="score" disabled={busy} onClick={() => onScore(n)}>
            {n}
          </button>
        ))}
      </div>
      <div class="scale-legend" aria-hidden="true">
        <span>{t.npsLow}</span>
        <span>{t.npsHigh}</span>
      </div>
      <button type="button" class="link-button skip" onClick={onSkip}>
        {t.skip}
      </button>
    </div>
  );
}
