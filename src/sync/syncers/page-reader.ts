import { ClickupUnavailableError } from '../../clickup/clickup.errors';

/**
 * Reads every page of a listing, resuming once at the failed page when ClickUp stayed
 * unavailable through the client's own retries (a burst of 5xx that outlasted them). A parse
 * error is never a reason to ask again: bad items are skipped by the client, and an answer that is
 * not a page at all would come back the same. Throws when a page cannot be read: the caller then
 * treats the listing as incomplete and deletes nothing on its behalf.
 */
export async function readAllPages<T>(
  open: (startPage: number) => AsyncIterable<T[]>,
  onPage: (items: T[], page: number) => Promise<void>,
): Promise<number> {
  let page = 0;
  // The client already spent its retries on an unavailable ClickUp: resume once, not more.
  let resumed = false;
  for (;;) {
    try {
      for await (const items of open(page)) {
        await onPage(items, page);
        page++;
      }
      return page;
    } catch (e) {
      if (!(e instanceof ClickupUnavailableError) || resumed) throw e;
      resumed = true;
    }
  }
}
