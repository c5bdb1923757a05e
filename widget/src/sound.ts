/**
 * A short two-note chime for new agent messages, played by exactly one tab of the site: tabs
 * take a Web Lock (or, without that API, compare a localStorage marker) keyed on the message.
 */
import type { WidgetStorage } from './storage';

interface LockManagerLike {
  request(name: string, callback: () => Promise<void> | void): Promise<unknown>;
}

/** Plays the chime for a message unless another tab already did. */
export type Chime = (messageId: string) => void;

/** Creates the chime. The AudioContext is created on first use, after a user gesture. */
export function createChime(win: Window, storage: WidgetStorage): Chime {
  let context: AudioContext | null = null;

  const play = () => {
    const Ctor = (win as Window & { AudioContext?: typeof AudioContext }).AudioContext;
    if (!Ctor) return;
    const audio = (context ??= new Ctor());
    // Browsers keep audio suspended until the visitor has interacted with the page; then no sound.
    audio.resume().then(
      () => beep(audio),
      () => undefined,
    );
  };

  return (messageId) => {
    const activation = (
      win.navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }
    ).userActivation;
    // A tab that may not play audio must not win the race and leave every tab silent.
    if (activation && !activation.hasBeenActive) return;
    const locks = (win.navigator as Navigator & { locks?: LockManagerLike }).locks;
    // Inside the lock, read-then-write is atomic across tabs: the first one marks and plays.
    const attempt = () => {
      if (storage.get('beep') === messageId) return;
      storage.set('beep', messageId);
      play();
    };
    if (locks) void locks.request('parley-chime', attempt);
    else attempt();
  };
}

function beep(context: AudioContext): void {
  const start = context.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.12, 1320],
  ] as const) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.18, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.25);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.3);
  }
}
