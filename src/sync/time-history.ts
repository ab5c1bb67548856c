/** What a configured time-entry history limit leaves out, in the words the run summary and /sync/status use. */
export function historyExclusion(limitDays: number, fromMs: number): string {
  return (
    `Time entries that started before ${new Date(fromMs).toISOString()} are not synced: ` +
    `SYNC_TIME_ENTRIES_HISTORY_DAYS=${limitDays} limits full syncs to the last ${limitDays} days. Unset it to sync all history.`
  );
}
