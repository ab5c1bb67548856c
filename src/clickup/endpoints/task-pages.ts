import type { ClickupTask } from '../clickup.types';
import { ClickupPayloadError } from '../clickup.errors';

/** ClickUp's fixed page size for task listings. */
export const TASK_PAGE_SIZE = 100;
/** 1,000,000 tasks: far beyond any workspace, but stops a server that never ends paging. */
export const MAX_TASK_PAGES = 10_000;

export interface TaskPage {
  /** The items that parsed (the others were reported as skipped). */
  tasks: ClickupTask[];
  lastPage: boolean | null;
  /** How many items the page held, parsed or not: a page is short only if ClickUp sent fewer. */
  itemCount: number;
  /** Ids of the page's first and last items (null when unreadable), to spot a repeated page. */
  firstId: string | null;
  lastId: string | null;
}

function pageSignature(page: TaskPage): string {
  return `${page.itemCount}:${page.firstId}:${page.lastId}`;
}

/**
 * Walks pages from `startPage` and yields each non-empty page as an array of tasks.
 *
 * Stop rules: `last_page === true` (list endpoint), or a page shorter than 100 (the team
 * endpoint does not always send last_page). Stopping after page 0 regardless is the classic
 * truncation bug; never doing so is what this function is for.
 *
 * A page identical to the previous one means the server ignored `page`: fail loudly rather
 * than loop or store duplicates.
 */
export async function* paginateTasks(
  fetchPage: (page: number) => Promise<TaskPage>,
  endpoint: string,
  startPage = 0,
): AsyncGenerator<ClickupTask[], void, undefined> {
  let previous: string | null = null;
  for (let page = startPage; page < startPage + MAX_TASK_PAGES; page++) {
    const result = await fetchPage(page);
    if (result.itemCount > 0) {
      const signature = pageSignature(result);
      if (signature === previous) {
        throw new ClickupPayloadError(endpoint, [`page ${page} repeats page ${page - 1}: the server ignored the page parameter`]);
      }
      previous = signature;
    }
    // A page whose every item was skipped yields nothing, but paging goes on.
    if (result.tasks.length > 0) yield result.tasks;
    if (result.lastPage === true || result.itemCount < TASK_PAGE_SIZE) return;
  }
  throw new ClickupPayloadError(endpoint, [`more than ${MAX_TASK_PAGES} pages; stopped paging`]);
}
