import { createHash } from 'node:crypto';

/** How long a delivery is remembered, and how old its newest history item may be. */
export const WEBHOOK_REPLAY_WINDOW_MS = 60 * 60_000;
/** Remembered deliveries at most (~100 bytes each); the oldest are forgotten first. */
const MAX_REMEMBERED = 50_000;

export type DeliveryVerdict = 'fresh' | 'duplicate' | 'stale';

/**
 * A valid signature proves ClickUp sent the bytes once, not that it is sending them now: a
 * captured delivery stays validly signed forever, and one `spaceUpdated` costs ~30 ClickUp
 * requests to act on. So every delivery is remembered by the hash of its exact bytes (ClickUp
 * gives each event its own history item ids and dates, and retries resend the same bytes),
 * and a delivery whose newest history item is older than the window is stale. Deliveries
 * without history items (taskDeleted) can only be deduplicated; their effect is confirmed with
 * ClickUp before anything is deleted (WebhookProcessorService).
 */
export class WebhookReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs = WEBHOOK_REPLAY_WINDOW_MS,
    private readonly maxRemembered = MAX_REMEMBERED,
  ) {}

  check(raw: Buffer, historyDates: (string | number | null | undefined)[], now: number): DeliveryVerdict {
    this.forgetOld(now);
    const newest = Math.max(...historyDates.map(Number).filter((d) => Number.isFinite(d) && d > 0), Number.NEGATIVE_INFINITY);
    if (newest !== Number.NEGATIVE_INFINITY && newest < now - this.windowMs) return 'stale';
    const key = createHash('sha256').update(raw).digest('hex');
    if (this.seen.has(key)) return 'duplicate';
    this.seen.set(key, now);
    if (this.seen.size > this.maxRemembered) this.seen.delete(this.seen.keys().next().value as string);
    return 'fresh';
  }

  private forgetOld(now: number): void {
    // Insertion order is arrival order: stop at the first one still inside the window.
    for (const [key, at] of this.seen) {
      if (at >= now - this.windowMs) break;
      this.seen.delete(key);
    }
  }
}
