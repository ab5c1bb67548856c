/**
 * A write to ClickUp that did not simply succeed, said the way the caller needs it to decide what
 * to do next: whether ClickUp REFUSED it (nothing changed; fix the input), whether it FAILED in a
 * way that may or may not have applied it (check before retrying), or whether ClickUp ACCEPTED it
 * but its answer could not be read (it happened: do not repeat it). The message is one or two
 * actionable sentences, shown verbatim by every adapter (MCP tool error, REST body).
 */
export type WriteOutcome = 'refused' | 'failed' | 'accepted_unreadable';

/** Whether the write took effect in ClickUp: no, maybe (unknown), or yes. */
export type WriteApplied = 'no' | 'maybe' | 'yes';

export class WriteOutcomeError extends Error {
  constructor(
    message: string,
    readonly outcome: WriteOutcome,
    readonly applied: WriteApplied,
    /** The id of the object written, when known (a created task's or entry's id). */
    readonly objectId: string | null = null,
  ) {
    super(message);
    this.name = 'WriteOutcomeError';
  }
}
