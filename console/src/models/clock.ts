import { signal } from '@preact/signals';

/** A ticking "now" for waiting times and local clocks; tests pass a fixed time and never start it. */
export function createClock(now: () => number = Date.now) {
  const time = signal(now());
  return {
    now: time,
    /** Ticks every `intervalMs`; returns the stop function. */
    start(intervalMs = 1000): () => void {
      const id = setInterval(() => {
        time.value = now();
      }, intervalMs);
      return () => clearInterval(id);
    },
  };
}

export type Clock = ReturnType<typeof createClock>;
