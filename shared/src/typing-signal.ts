/**
 * Turns keystrokes into few `typing:set` events, the same way for visitors and agents: `true` on
 * the first keystroke (repeated every few seconds while typing goes on, so the other side's
 * indicator, which expires, stays up), `false` after a pause or when the message is sent.
 */
export class TypingSignal {
  private typing = false;
  private lastSent = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (typing: boolean) => void,
    private readonly idleMs = 4000,
    private readonly refreshMs = 5000,
  ) {}

  /** The visitor typed something. */
  input(now = Date.now()): void {
    if (!this.typing || now - this.lastSent >= this.refreshMs) {
      this.typing = true;
      this.lastSent = now;
      this.send(true);
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), this.idleMs);
  }

  /** The visitor sent, cleared the box or paused. */
  stop(): void {
    clearTimeout(this.idleTimer);
    if (!this.typing) return;
    this.typing = false;
    this.send(false);
  }
}
