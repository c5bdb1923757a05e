import type { Rating } from '@parley/shared';

/** The visitor's verdict on a closed chat: CSAT stars, their comment, and NPS when asked. */
export function RatingCard(props: { rating: Rating; compact?: boolean }) {
  const { csat, comment, nps } = props.rating;
  return (
    <div class={`rating ${props.compact ? 'rating-compact' : ''}`}>
      {!props.compact && <p class="rating-title">Visitor rating</p>}
      {csat !== null && (
        <p class="rating-line">
          <span class="stars" aria-hidden="true">
            {'★'.repeat(csat)}
            <span class="stars-empty">{'★'.repeat(5 - csat)}</span>
          </span>
          <span>Satisfaction {csat}/5</span>
        </p>
      )}
      {nps !== null && (
        <p class="rating-line">
          <span class={`nps nps-${nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor'}`}>
            NPS {nps}/10
          </span>
        </p>
      )}
      {comment && <blockquote class="rating-comment">{comment}</blockquote>}
    </div>
  );
}
