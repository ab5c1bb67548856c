import { LoggedTimeRow, mergeWorkload, OpenWorkRow } from './workload';

const H = 3_600_000;
const open = (userId: number | null, name: string | null, openTasks: number, estH: number): OpenWorkRow => ({
  userId,
  name,
  email: name ? `${name.toLowerCase()}@x.test` : null,
  openTasks,
  openEstimateMs: estH * H,
});
const logged = (userId: number, name: string | null, h: number, running = false): LoggedTimeRow => ({
  userId,
  name,
  email: null,
  loggedMs: h * H,
  running,
});

describe('mergeWorkload', () => {
  it('joins open work and logged time per person, sorted by open tasks then time', () => {
    const w = mergeWorkload(
      [open(1, 'Ana', 2, 1.5), open(2, 'Ben', 5, 0), open(null, null, 3, 4)],
      [logged(1, 'Ana', 10), logged(3, 'Cy', 2, true), logged(2, 'Ben', 1)],
    );
    expect(w.people.map((p) => [p.name, p.openTasks, p.openEstimateMs / H, p.loggedMs / H, p.timerRunning])).toEqual([
      ['Ben', 5, 0, 1, false],
      ['Ana', 2, 1.5, 10, false],
      ['Cy', 0, 0, 2, true],
    ]);
    expect(w.unassigned).toEqual({ openTasks: 3, openEstimateMs: 4 * H });
  });

  it('rounds split estimates to whole milliseconds', () => {
    const w = mergeWorkload([{ userId: 1, name: 'Ana', email: null, openTasks: 1, openEstimateMs: 3_600_000 / 3 }], []);
    expect(w.people[0].openEstimateMs).toBe(1_200_000);
    expect(mergeWorkload([{ userId: 1, name: 'Ana', email: null, openTasks: 1, openEstimateMs: 1000 / 3 }], []).people[0].openEstimateMs).toBe(333);
  });

  it('names someone without a name by email, else by id', () => {
    const w = mergeWorkload([], [{ userId: 7, name: null, email: 'gone@x.test', loggedMs: H, running: false }, logged(8, null, 1)]);
    expect(w.people.map((p) => p.name)).toEqual(['gone@x.test', 'user 8']);
  });

  it('nothing in, nothing out', () => {
    expect(mergeWorkload([], [])).toEqual({ people: [], unassigned: { openTasks: 0, openEstimateMs: 0 } });
  });
});
