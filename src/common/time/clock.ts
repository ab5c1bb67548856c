import { noteClockRead } from '../cache/answer-context';

/**
 * The one source of "now" for everything a report says about time: periods ("this week"),
 * running timers (counted up to now), overdue, "the last N days". Injected, so tests pin it;
 * report code never reads Date.now() itself. Every read is noted (cache/answer-context.ts), so the answer
 * cache knows which answers depend on "now".
 */
export abstract class Clock {
  abstract now(): number;
}

/**
 * The running clock, to the whole second: reports count seconds, and an answer is then one
 * function of the data and the second it was asked in, so the answer cache can reuse it for
 * the rest of that second (AnswerCacheService) without changing a digit.
 */
export class SystemClock extends Clock {
  now(): number {
    const ms = Math.floor(Date.now() / 1000) * 1000;
    noteClockRead(ms);
    return ms;
  }
}

/** A clock that stands still (tests, benchmarks, reproducible CLI runs); `set` moves it. */
export class FixedClock extends Clock {
  constructor(private at: number) {
    super();
  }

  now(): number {
    noteClockRead(this.at);
    return this.at;
  }

  set(at: number): void {
    this.at = at;
  }
}
