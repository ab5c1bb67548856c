import { corruptBody, FaultInjector } from './fault-injector';

describe('FaultInjector', () => {
  const decisions = (f: FaultInjector, n: number, template = 'GET /team') => Array.from({ length: n }, () => f.decide(template).kind);

  it('injects nothing by default', () => {
    expect(new Set(decisions(new FaultInjector(1), 50))).toEqual(new Set(['none']));
  });

  it('is reproducible for a seed and roughly honours the rates', () => {
    const a = new FaultInjector(1);
    const b = new FaultInjector(99);
    a.set({ errorRate5xx: 0.3, seed: 4 });
    b.set({ errorRate5xx: 0.3, seed: 4 });
    const run = decisions(a, 400);
    expect(decisions(b, 400)).toEqual(run);
    const share = run.filter((k) => k === 'error5xx').length / run.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
  });

  it('serves a storm of exactly N 429s, then a one-shot malformed body for one template', () => {
    const f = new FaultInjector(1);
    f.set({ rateLimitStorm: { requests: 2 }, malformedOnce: 'GET /team/{id}/task' });
    expect(decisions(f, 3)).toEqual(['storm', 'storm', 'none']);
    expect(f.decide('GET /team')).toMatchObject({ kind: 'none', malformed: false });
    expect(f.decide('GET /team/{id}/task')).toMatchObject({ kind: 'none', malformed: true });
    expect(f.decide('GET /team/{id}/task')).toMatchObject({ kind: 'none', malformed: false });
    expect(f.current()).toEqual({ rateLimitStorm: { requests: 0 } });
  });

  it('limits faults to the listed endpoints and validates rates', () => {
    const f = new FaultInjector(1);
    f.set({ timeoutRate: 1, endpoints: ['GET /team/{id}/task'] });
    expect(f.decide('GET /team').kind).toBe('none');
    expect(f.decide('GET /team/{id}/task').kind).toBe('timeout');
    expect(() => f.set({ dropRate: 2 })).toThrow();
    expect(() => f.set({ rateLimitStorm: { requests: -1 } })).toThrow();
  });
});

describe('corruptBody', () => {
  const body = { tasks: [{ id: 'a', date_updated: '1' }], last_page: true };

  it('turns the main array into an object, or a date of the first item into {}', () => {
    const asObject = corruptBody(body, 0.1) as any;
    expect(Array.isArray(asObject.tasks)).toBe(false);
    const badDate = corruptBody(body, 0.9) as any;
    expect(badDate.tasks[0].date_updated).toEqual({});
    expect(body.tasks[0].date_updated).toBe('1');
  });

  it('corrupts single objects too', () => {
    expect((corruptBody({ data: { id: '1', start: '5' } }, 0.5) as any).data.start).toEqual({});
    expect((corruptBody({ id: 'x', name: 'n' }, 0.5) as any).id).toEqual({});
  });
});
