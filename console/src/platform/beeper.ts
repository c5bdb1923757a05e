/** A short alert sound; tests pass a fake. */
export interface Beeper {
  /** Browsers start audio only after a user gesture, so call this from one (a click). */
  unlock(): void;
  beep(): void;
}

/** Two short sine tones made with WebAudio, so the console ships no sound file. */
export function createWebAudioBeeper(): Beeper {
  let context: AudioContext | null = null;

  function ensure(): AudioContext | null {
    if (typeof AudioContext === 'undefined') return null;
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    return context;
  }

  function tone(audio: AudioContext, frequency: number, start: number): void {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start);
    oscillator.stop(start + 0.2);
  }

  return {
    unlock() {
      ensure();
    },
    beep() {
      const audio = ensure();
      if (!audio || audio.state !== 'running') return;
      tone(audio, 880, audio.currentTime);
      tone(audio, 1320, audio.currentTime + 0.15);
    },
  };
}
