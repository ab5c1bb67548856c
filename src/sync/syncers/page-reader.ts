import { ClickupPayloadError, ClickupUnavailableError } from '../../clickup/clickup.errors';

/**
 * Reads every page of a listing, resuming at the failed page when a page could not be read
 * (the client already retried transport failures; this covers a malformed page or a burst of
 * 5xx that outlasted them). Throws when a page keeps failing: the caller then treats the
 * listing as incomplete and deletes nothing on its behalf.
 */
export async function readAllPages<T>(
  open: (startPage: number) => AsyncIterable<T[]>,
  onPage: (items: T[], page: number) => Promise<void>,
  maxResumes = 3,
): Promise<number> {
  let page = 0;
  let resumes = 0;
  // The client already spent its retries on an unavailable ClickUp: resume once, not thrice.
  let unavailableResumes = 0;
  for (;;) {
    try {
      for await (const items of open(page)) {
        await onPage(items, page);
        page++;
      }
      return page;
    } catch (e) {
      const retryable =
        e instanceof ClickupPayloadError || (e instanceof ClickupUnavailableError && ++unavailableResumes <= 1);
      if (!retryable || ++resumes > maxResumes) throw e;
    }
  }
}
