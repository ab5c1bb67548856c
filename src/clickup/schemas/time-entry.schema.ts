import { z } from 'zod';
import type { ClickupTaskLocation, ClickupTimeEntry, ClickupTimeEntryTask } from '../clickup.types';
import { statusSchema, tagSchema, userRefSchema } from './common.schema';
import { flag, id, idOrNull, listOf, msTimestamp, msTimestampOrNull, optionalObject, signedMs, textOrNull, withRaw } from './primitives.schema';

/**
 * Time entries are where ClickUp's JSON drifts most (docs/clickup-api.md §8, §13.3):
 * - `task` is absent for entries not linked to a task;
 * - `duration` is a string in listings but a number in the current/start/stop responses,
 *   and negative (= -start) while the timer runs;
 * - `start`/`end`/`at` are strings in listings, numbers in the stop response;
 * - `task_location` ids are integers in the spec and strings in real data;
 * - several fields may be null since the mobile app.
 */

const entryTaskSchema = z
  .object({ id, custom_id: textOrNull, name: textOrNull, status: optionalObject(statusSchema) })
  .transform((t): ClickupTimeEntryTask => ({ id: t.id, customId: t.custom_id, name: t.name, status: t.status }));

const taskLocationSchema = z
  .object({
    list_id: idOrNull,
    folder_id: idOrNull,
    space_id: idOrNull,
    list_name: textOrNull,
    folder_name: textOrNull,
    space_name: textOrNull,
  })
  .transform((l): ClickupTaskLocation => ({
    listId: l.list_id,
    folderId: l.folder_id,
    spaceId: l.space_id,
    listName: l.list_name,
    folderName: l.folder_name,
    spaceName: l.space_name,
  }));

export const timeEntrySchema = withRaw(
  z.object({
    id,
    task: optionalObject(entryTaskSchema),
    wid: idOrNull,
    user: optionalObject(userRefSchema),
    billable: flag(false),
    start: msTimestamp,
    end: msTimestampOrNull,
    duration: signedMs,
    description: textOrNull,
    tags: listOf(tagSchema),
    source: textOrNull,
    at: msTimestampOrNull,
    task_location: optionalObject(taskLocationSchema),
    task_tags: listOf(tagSchema),
    task_url: textOrNull,
  }),
  (e, raw): ClickupTimeEntry => {
    const running = e.duration < 0;
    return {
      id: e.id,
      task: e.task,
      teamId: e.wid,
      user: e.user,
      billable: e.billable,
      start: e.start,
      // A running timer has no end; some responses still carry a placeholder.
      end: running ? null : e.end,
      duration: e.duration,
      running,
      description: e.description,
      tags: e.tags,
      source: e.source,
      at: e.at,
      taskLocation: e.task_location,
      taskTags: e.task_tags,
      taskUrl: e.task_url,
      raw,
    };
  },
);

/** GET /team/{team_id}/time_entries: the envelope; entries are parsed one by one (parseListingItems). */
export const timeEntriesResponseSchema = z.object({ data: z.array(z.unknown()) });

/**
 * Single-entry responses: `{data:{…}}`. The spec's example for GET …/{timer_id} wraps the
 * entry in a one-element array, so accept that too.
 */
export const singleTimeEntryResponseSchema = z.object({
  data: z.preprocess((v: unknown) => (Array.isArray(v) && v.length === 1 ? (v[0] as unknown) : v), timeEntrySchema),
});

/** GET …/time_entries/current: `{data:null}` (or an empty object) when no timer runs. */
export const currentTimerResponseSchema = z.object({
  data: z.preprocess(
    (v) => (v === undefined || (v !== null && typeof v === 'object' && Object.keys(v).length === 0) ? null : v),
    timeEntrySchema.nullable(),
  ),
});
