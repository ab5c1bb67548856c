/**
 * Generator benchmark: builds the `large` sandbox workspace (100,000 tasks, 1,000,000 time
 * entries) and reports wall time, peak RSS, heap after GC and entity counts, then the cost of the
 * two hot queries: paging every task 100 at a time and a 30-day time-entry report for everyone.
 * Run: npm run bench:generator (node --expose-gc dist/bench/generator.bench.js).
 */
import { GeneratorSizeName } from '../src/sandbox/generator/generator-size';
import { parseTaskFilter } from '../src/sandbox/query/task-filter';
import { TaskQueryEngine } from '../src/sandbox/query/task-query.engine';
import { queryTimeEntries } from '../src/sandbox/query/time-entry-query';
import { SandboxStore } from '../src/sandbox/sandbox-store';
import { serializeTask } from '../src/sandbox/serializers/task.serializer';
import { serializeTimeEntry } from '../src/sandbox/serializers/time-entry.serializer';

const MB = 1024 * 1024;
const DAY = 86_400_000;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function time<T>(fn: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const result = fn();
  return [result, Number(process.hrtime.bigint() - t0) / 1e6];
}

function main(): void {
  const size = (process.argv[2] ?? 'large') as GeneratorSizeName;
  const rssBefore = process.memoryUsage().rss;
  const [store, generateMs] = time(() => SandboxStore.generate({ size, seed: 42, now: Date.UTC(2026, 10, 1) }));
  gc();
  const mem = process.memoryUsage();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  let running = 0;
  store.state.timeEntries.forEach((e) => {
    if (e.end === null) running++;
  });
  const counts = {
    members: store.state.members.size,
    spaces: store.state.spaces.size,
    folders: store.state.folders.size,
    lists: store.state.lists.size,
    tasks: store.state.tasks.size,
    subtasks: [...store.state.tasks.values()].filter((t) => t.parentId !== null).length,
    timeEntries: store.state.timeEntries.size,
    runningTimers: running,
  };

  // Paging everything the way a full sync does: the first page sorts and filters once, the rest slice.
  const engine = new TaskQueryEngine(store);
  const filter = parseTaskFilter(new URLSearchParams('subtasks=true&include_closed=true&order_by=updated&reverse=true'), null);
  const [pages, pagingMs] = time(() => {
    let n = 0;
    for (let page = 0; ; page++) {
      const { tasks } = engine.page(filter, page);
      JSON.stringify({ tasks: tasks.map((t) => serializeTask(store, t)) });
      n++;
      if (tasks.length < 100) return n;
    }
  });

  const everyone = new Set(store.currentMembers().map((m) => m.id));
  const now = store.clock.now();
  const [entryCount, entriesMs] = time(() => {
    const entries = queryTimeEntries(store, { from: now - 30 * DAY, to: now, userIds: everyone, location: null, billable: null });
    JSON.stringify({ data: entries.map((e) => serializeTimeEntry(store, e, { includeLocationNames: true })) });
    return entries.length;
  });
  const [, mutationsMs] = time(() => store.applyRandomMutations(1000, 7));

  const report = {
    size,
    generateSeconds: +(generateMs / 1000).toFixed(2),
    peakRssMb: Math.round(peakRssMb),
    rssGrowthMb: Math.round((mem.rss - rssBefore) / MB),
    heapUsedAfterGcMb: Math.round(mem.heapUsed / MB),
    arrayBuffersMb: Math.round(mem.arrayBuffers / MB),
    counts,
    pageAllTasks: { pages, totalMs: Math.round(pagingMs), msPerPage: +(pagingMs / pages).toFixed(2) },
    timeEntries30DaysAllUsers: { entries: entryCount, ms: Math.round(entriesMs) },
    thousandRandomMutationsMs: Math.round(mutationsMs),
    node: process.version,
  };
  const { generateSeconds, peakRssMb: peak, heapUsedAfterGcMb: heap } = report;
  console.log(`generate ${size}: ${generateSeconds} s, peak RSS ${peak} MB, heap after GC ${heap} MB`);
  console.log(`counts: ${JSON.stringify(counts)}`);
  console.log(`page all tasks: ${pages} pages in ${report.pageAllTasks.totalMs} ms (${report.pageAllTasks.msPerPage} ms/page, serialized)`);
  console.log(`30-day time entries, all users: ${entryCount} entries in ${report.timeEntries30DaysAllUsers.ms} ms (serialized)`);
  console.log(`1,000 random mutations: ${report.thousandRandomMutationsMs} ms`);
  console.log(JSON.stringify(report));
}

main();
