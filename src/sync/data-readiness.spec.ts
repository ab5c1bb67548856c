import { notReportableMessage, ReadinessFacts, readinessWarning } from './data-readiness';

const base: ReadinessFacts = { complete: false, running: null, tasksExpected: null, lastAttempt: null };
const running = (r: Partial<NonNullable<ReadinessFacts['running']>>): ReadinessFacts['running'] => ({
  runId: 1,
  kind: 'full',
  phase: null,
  done: null,
  total: null,
  tasksRead: null,
  ...r,
});

describe('readinessWarning', () => {
  it.each<[string, Partial<ReadinessFacts>, string | null]>([
    ['complete data has no warning', { complete: true }, null],
    [
      'tasks phase with ClickUp list counts',
      { running: running({ phase: 'tasks', done: 3400 }), tasksExpected: 100000 },
      'first sync in progress: 3,400 of ~100,000 tasks read — numbers are incomplete',
    ],
    [
      'tasks phase, total unknown',
      { running: running({ phase: 'tasks', done: 300 }) },
      'first sync in progress: 300 tasks read (total not known yet) — numbers are incomplete',
    ],
    [
      'tasks phase, more read than the lists announced (archived tasks)',
      { running: running({ phase: 'tasks', done: 2100 }), tasksExpected: 2000 },
      'first sync in progress: 2,100 tasks read (the lists announced ~2,000) — numbers are incomplete',
    ],
    [
      'time entries phase',
      { running: running({ phase: 'time entries', done: 3, total: 25, tasksRead: 2016 }), tasksExpected: 2000 },
      'first sync in progress: 2,016 tasks read; reading time entries (window 3 of ~25) — numbers are incomplete',
    ],
    [
      'hierarchy phase',
      { running: running({ phase: 'hierarchy', done: 1, total: 4 }) },
      'first sync in progress: reading spaces, folders and lists — numbers are incomplete',
    ],
    [
      'a run that has not reported yet',
      { running: running({}) },
      'first sync in progress: reading spaces, folders and lists — numbers are incomplete',
    ],
    [
      'never synced',
      {},
      'no full sync has completed yet — numbers are incomplete; start one with trigger_sync (kind full), POST /sync/full or `npm run sync -- full`',
    ],
    [
      'the last full sync failed',
      { lastAttempt: { runId: 7, status: 'partial', error: 'time entries 2026-01-01..2026-01-31: ClickupUnavailableError: 503' } },
      'no full sync has completed yet (the last one, run 7, ended partial: time entries 2026-01-01..2026-01-31: ClickupUnavailableError: 503) — numbers are incomplete; start one with trigger_sync (kind full), POST /sync/full or `npm run sync -- full`',
    ],
  ])('%s', (_name, facts, expected) => {
    expect(readinessWarning({ ...base, ...facts })).toBe(expected);
  });

  it('a report refusal repeats the sentence and says when to ask again', () => {
    expect(notReportableMessage('first sync in progress: 3,400 of ~100,000 tasks read — numbers are incomplete')).toBe(
      'First sync in progress: 3,400 of ~100,000 tasks read — numbers are incomplete. This report needs complete data: ask again when ' +
        'the first full sync has finished (get_sync_status or GET /sync/status shows its progress).',
    );
  });
});
