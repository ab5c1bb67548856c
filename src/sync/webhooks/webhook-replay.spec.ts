import { WebhookReplayGuard } from './webhook-replay';

const HOUR = 3_600_000;
const body = (s: string) => Buffer.from(s);

describe('WebhookReplayGuard', () => {
  const now = Date.parse('2026-11-22T12:00:00Z');

  it('accepts a delivery once; the same bytes again are a duplicate', () => {
    const g = new WebhookReplayGuard();
    expect(g.check(body('{"event":"spaceUpdated","history_items":[{"id":"1"}]}'), [now - 1000], now)).toBe('fresh');
    expect(g.check(body('{"event":"spaceUpdated","history_items":[{"id":"1"}]}'), [now - 1000], now + 5000)).toBe('duplicate');
    expect(g.check(body('{"event":"spaceUpdated","history_items":[{"id":"2"}]}'), [now - 1000], now + 5000)).toBe('fresh');
  });

  it('refuses a delivery whose newest history item is older than the window, whatever the memory', () => {
    const g = new WebhookReplayGuard(HOUR);
    expect(g.check(body('a'), [String(now - 2 * HOUR), String(now - HOUR - 1)], now)).toBe('stale');
    expect(g.check(body('b'), [String(now - 2 * HOUR), String(now - HOUR + 1)], now)).toBe('fresh');
  });

  it('deliveries without dates (taskDeleted) are deduplicated only', () => {
    const g = new WebhookReplayGuard(HOUR);
    expect(g.check(body('{"event":"taskDeleted","task_id":"x"}'), [], now)).toBe('fresh');
    expect(g.check(body('{"event":"taskDeleted","task_id":"x"}'), [null, undefined, 'junk'], now + 1)).toBe('duplicate');
    // Forgotten after the window (the effect is confirmed with ClickUp anyway).
    expect(g.check(body('{"event":"taskDeleted","task_id":"x"}'), [], now + HOUR + 2)).toBe('fresh');
  });

  it('remembers a bounded number of deliveries, forgetting the oldest first', () => {
    const g = new WebhookReplayGuard(HOUR, 3);
    for (const s of ['1', '2', '3', '4']) expect(g.check(body(s), [], now)).toBe('fresh');
    expect(g.check(body('4'), [], now)).toBe('duplicate');
    expect(g.check(body('1'), [], now)).toBe('fresh');
  });
});
