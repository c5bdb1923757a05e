/** How many requests a key may make per window. */
export interface RateLimit {
  points: number;
  durationSeconds: number;
}
