/** How report figures read: shares as percents, scores signed, missing values as a dash. */

/** 0–1 as "87.5%"; "—" when there was nothing to divide. */
export function formatShare(share: number | null): string {
  if (share === null) return '—';
  return `${(Math.round(share * 1000) / 10).toLocaleString('en')}%`;
}

/** An NPS from −100 to 100 with its sign ("+42", "−10", "0"); "—" without answers. */
export function formatScore(score: number | null): string {
  if (score === null) return '—';
  const rounded = Math.round(score);
  if (rounded > 0) return `+${rounded}`;
  return rounded < 0 ? `−${-rounded}` : '0';
}

/** A count with thousands separators. */
export function formatCount(count: number): string {
  return count.toLocaleString('en');
}

/** The average rating on the 1–5 scale, "4.4 / 5"; "—" without answers. */
export function formatRating(average: number | null): string {
  if (average === null) return '—';
  return `${(Math.round(average * 10) / 10).toLocaleString('en')} / 5`;
}
