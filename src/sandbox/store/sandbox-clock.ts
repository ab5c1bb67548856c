/**
 * The sandbox's notion of "now": it starts at the generation anchor and then runs with real
 * time. Generated data is relative to the anchor, and the defaults that depend on "now" (the
 * 30-day time-entry window, new timestamps) stay consistent with it even for a fixed anchor in
 * the past. `tick()` is strictly increasing so every mutation gets a distinct, later timestamp.
 */
export class SandboxClock {
  private last: number;

  constructor(
    private readonly anchor: number,
    private readonly realStart: number = Date.now(),
  ) {
    this.last = anchor;
  }

  /** Current time without consuming a tick (for reads and query defaults). */
  now(): number {
    return Math.max(this.last, this.anchor + (Date.now() - this.realStart));
  }

  /** A fresh timestamp for a change, later than every one handed out before. */
  tick(): number {
    const t = this.anchor + (Date.now() - this.realStart);
    this.last = t > this.last ? t : this.last + 1;
    return this.last;
  }
}
