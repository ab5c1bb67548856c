/**
 * The one source of "now" for everything a report says about time: periods ("this week"),
 * running timers (counted up to now), overdue, "the last N days". Injected, so tests pin it;
 * report code never reads Date.now() itself.
 */
export abstract class Clock {
  abstract now(): number;
}

export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }
}

/** A clock that stands still (tests, benchmarks, reproducible CLI runs); `set` moves it. */
export class FixedClock extends Clock {
  constructor(private at: number) {
    super();
  }

  now(): number {
    return this.at;
  }

  set(at: number): void {
    this.at = at;
  }
}
