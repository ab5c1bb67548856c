import { AnswerCache, Computed } from './answer-cache';

const size = (v: string) => v.length;
const computed = (value: string, instants: number[] = [], cacheable = true): Computed<string> => ({ value, cacheable, instants: new Set(instants) });

describe('AnswerCache', () => {
  let now: number;
  let calls: number;
  const cache = () => new AnswerCache<string>(1000, size);
  const compute = (c: Computed<string>) => async () => {
    calls++;
    return c;
  };
  beforeEach(() => {
    now = 5000;
    calls = 0;
  });
  const instant = () => now;

  it.each([
    // [what, first stamp, first reads, second stamp, clock at second call, reused]
    ['same stamp, clock never read', 'v1|0', [], 'v1|0', 9000, true],
    ['the data moved', 'v1|0', [], 'v2|0', 5000, false],
    ['an in-memory copy moved', 'v1|0', [], 'v1|1', 5000, false],
    ['read the clock, same instant', 'v1|0', [5000], 'v1|0', 5000, true],
    ['read the clock, another instant', 'v1|0', [5000], 'v1|0', 6000, false],
    ['read the clock at two instants: never held', 'v1|0', [5000, 6000], 'v1|0', 5000, false],
  ] as const)('%s', async (_what, stamp1, reads, stamp2, clockAt2, reused) => {
    const c = cache();
    expect(await c.answer('k', stamp1, instant, compute(computed('a', [...reads])))).toEqual({ value: 'a', reused: false });
    now = clockAt2;
    const second = await c.answer('k', stamp2, instant, compute(computed('b')));
    expect(second).toEqual(reused ? { value: 'a', reused: true } : { value: 'b', reused: false });
    expect(calls).toBe(reused ? 1 : 2);
  });

  it('never holds an answer marked not cacheable, nor one that failed', async () => {
    const c = cache();
    await c.answer('k', 's', instant, compute(computed('err', [], false)));
    expect((await c.answer('k', 's', instant, compute(computed('ok')))).reused).toBe(false);
    await expect(
      c.answer('x', 's', instant, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await c.answer('x', 's', instant, compute(computed('ok')))).reused).toBe(false);
    expect(c.stats()).toMatchObject({ entries: 2, hits: 0, misses: 4 });
  });

  it('identical requests in flight wait for the first instead of computing again', async () => {
    const c = cache();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = async () => {
      calls++;
      await gate;
      return computed('a');
    };
    const all = Promise.all([c.answer('k', 's', instant, slow), c.answer('k', 's', instant, slow), c.answer('k', 's', instant, slow)]);
    release();
    expect((await all).map((r) => r.value)).toEqual(['a', 'a', 'a']);
    expect(calls).toBe(1);
    expect(c.stats()).toMatchObject({ hits: 2, misses: 1 });
  });

  it('a waiter computes its own answer when the one in flight cannot be reused', async () => {
    const c = cache();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = c.answer('k', 's', instant, async () => {
      await gate;
      return computed('error', [], false);
    });
    const second = c.answer('k', 's', instant, compute(computed('fine')));
    release();
    expect((await first).value).toBe('error');
    expect(await second).toEqual({ value: 'fine', reused: false });
  });

  it('drops the least recently used answers beyond its size, and never holds one over a quarter of it', async () => {
    const c = new AnswerCache<string>(100, size);
    for (const k of ['a', 'b', 'c', 'd']) await c.answer(k, 's', instant, compute(computed(k.repeat(25))));
    // Touch 'a': now 'b' is the least recently used.
    expect((await c.answer('a', 's', instant, compute(computed('x')))).reused).toBe(true);
    await c.answer('e', 's', instant, compute(computed('e'.repeat(25))));
    expect(c.stats()).toMatchObject({ entries: 4, size: 100 });
    expect((await c.answer('b', 's', instant, compute(computed('b2')))).value).toBe('b2');
    const big = 'z'.repeat(26);
    await c.answer('big', 's', instant, compute(computed(big)));
    expect((await c.answer('big', 's', instant, compute(computed('small')))).value).toBe('small');
  });

  it('clear() forgets everything', async () => {
    const c = cache();
    await c.answer('k', 's', instant, compute(computed('a')));
    c.clear();
    expect(c.stats()).toMatchObject({ entries: 0, size: 0 });
    expect((await c.answer('k', 's', instant, compute(computed('b')))).value).toBe('b');
  });
});
