import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import axios, { AxiosInstance } from 'axios';
import { z } from 'zod';
import { CLICKUP_CLIENT_OPTIONS, ClickupClientOptions, ResolvedClickupClientOptions, resolveClickupClientOptions } from './clickup-client.options';
import type {
  ClickupCallOptions,
  ClickupClientStats,
  ClickupFolder,
  ClickupList,
  ClickupSpace,
  ClickupTask,
  ClickupTeam,
  ClickupTimeEntry,
  ClickupUserRef,
  ClickupWebhook,
  CreateTaskBody,
  CreateTimeEntryBody,
  CreateWebhookBody,
  CreatedClickupWebhook,
  ClickupWorkspacePlan,
  CustomTaskIdOptions,
  GetTaskOptions,
  GetTimeEntryOptions,
  ListTasksQuery,
  RateBudgetSnapshot,
  SkippedItem,
  StartTimerBody,
  TeamTasksQuery,
  TimeEntriesQuery,
  UpdateTaskBody,
  UpdateTimeEntryBody,
} from './clickup.types';
import { TaskPage, paginateTasks } from './endpoints/task-pages';
import { createTaskPayload, customTaskIdParams, listTasksParams, teamTasksParams, updateTaskPayload } from './endpoints/task-params';
import { createTimeEntryPayload, startTimerPayload, timeEntriesParams, updateTimeEntryPayload } from './endpoints/time-entry-params';
import { createWebhookPayload } from './endpoints/webhook-params';
import { userRefSchema } from './schemas/common.schema';
import { folderSchema, foldersResponseSchema, listSchema, listsResponseSchema, spaceSchema, spacesResponseSchema } from './schemas/hierarchy.schema';
import { parseListingItems, parsePayload, rawItemId } from './schemas/parse-payload';
import { ClickupPayloadError, ClickupUnreadableWriteError } from './clickup.errors';
import { taskPageSchema, taskSchema } from './schemas/task.schema';
import { teamsResponseSchema } from './schemas/team.schema';
import { currentTimerResponseSchema, singleTimeEntryResponseSchema, timeEntriesResponseSchema, timeEntrySchema } from './schemas/time-entry.schema';
import { createWebhookResponseSchema, webhooksResponseSchema } from './schemas/webhook.schema';
import { BudgetClock } from './transport/budget-clock';
import { ClickupRequest, ClickupTransport, ClickupTransportDeps } from './transport/clickup-transport';
import { RateBudget } from './transport/rate-budget';

/** Optional test seams (clock, jitter); production injects nothing. */
export const CLICKUP_TRANSPORT_DEPS = Symbol('CLICKUP_TRANSPORT_DEPS');

export interface ArchivedOption {
  /** true returns ONLY archived items, false (default) only active ones: a full sync needs both. */
  archived?: boolean;
}

/**
 * The only code in the product that talks HTTP to ClickUp. Every method:
 * - waits for the shared RateBudget (priority 'sync' for reads, 'interactive' for writes,
 *   overridable per call),
 * - retries what is safe to retry (see docs/clickup-client.md),
 * - validates the response with zod and returns camelCase types from clickup.types.ts,
 * - throws only ClickupError subclasses from clickup.errors.ts.
 */
@Injectable()
export class ClickupClient implements OnModuleDestroy {
  private readonly logger = new Logger('ClickupClient');
  private readonly options: ResolvedClickupClientOptions;
  private readonly transport: ClickupTransport;

  constructor(
    @Inject(CLICKUP_CLIENT_OPTIONS) options: ClickupClientOptions,
    http: HttpService,
    private readonly budget: RateBudget,
    @Optional() @Inject(CLICKUP_TRANSPORT_DEPS) deps?: ClickupTransportDeps,
  ) {
    this.options = resolveClickupClientOptions(options);
    this.transport = new ClickupTransport(http.axiosRef, this.options, budget, deps);
  }

  /**
   * Builds a client outside Nest DI (scripts, tests). Each call gets its own axios instance
   * and, unless one is passed, its own RateBudget.
   */
  static create(
    options: Partial<ClickupClientOptions> & Pick<ClickupClientOptions, 'baseUrl' | 'token'>,
    deps: { budget?: RateBudget; clock?: BudgetClock; random?: () => number; axiosInstance?: AxiosInstance } = {},
  ): ClickupClient {
    const resolved = resolveClickupClientOptions(options);
    const budget = deps.budget ?? createRateBudget(resolved, deps.clock);
    const http = new HttpService(deps.axiosInstance ?? axios.create());
    return new ClickupClient(resolved, http, budget, { clock: deps.clock, random: deps.random });
  }

  get readOnly(): boolean {
    return this.options.readOnly;
  }

  /** Requests sent per endpoint template, retries, 429s seen, total wait time. */
  stats(): ClickupClientStats {
    return this.transport.stats();
  }

  resetStats(): void {
    this.transport.resetStats();
  }

  budgetSnapshot(): RateBudgetSnapshot {
    return this.budget.snapshot();
  }

  onModuleDestroy(): void {
    this.budget.close();
  }

  // ------------------------------------------------------------ workspace

  /** GET /user: the token's own user. */
  async getAuthorizedUser(call?: ClickupCallOptions): Promise<ClickupUserRef> {
    const schema = z.object({ user: userRefSchema });
    return (await this.get(schema, { template: '/user' }, call)).user;
  }

  /** GET /team: Workspaces the token may see, with members (roles 1-4, pending invitees). */
  async getTeams(call?: ClickupCallOptions): Promise<ClickupTeam[]> {
    return (await this.get(teamsResponseSchema, { template: '/team' }, call)).teams;
  }

  /** GET /team/{team_id}/plan: the Workspace's plan (the spec answers `{plan_name, plan_id}`). */
  async getWorkspacePlan(teamId: string, call?: ClickupCallOptions): Promise<ClickupWorkspacePlan> {
    const req = { template: '/team/{team_id}/plan', pathParams: { team_id: teamId } };
    return this.get(workspacePlanSchema, req, call);
  }

  // ------------------------------------------------------------ hierarchy

  async getSpaces(teamId: string, opts: ArchivedOption = {}, call?: ClickupCallOptions): Promise<ClickupSpace[]> {
    const req = archivedListing('/team/{team_id}/space', { team_id: teamId }, opts);
    return (await this.get(spacesResponseSchema, req, call)).spaces;
  }

  async getSpace(spaceId: string, call?: ClickupCallOptions): Promise<ClickupSpace> {
    return this.get(spaceSchema, { template: '/space/{space_id}', pathParams: { space_id: spaceId } }, call);
  }

  async getFolders(spaceId: string, opts: ArchivedOption = {}, call?: ClickupCallOptions): Promise<ClickupFolder[]> {
    const req = archivedListing('/space/{space_id}/folder', { space_id: spaceId }, opts);
    return (await this.get(foldersResponseSchema, req, call)).folders;
  }

  async getFolder(folderId: string, call?: ClickupCallOptions): Promise<ClickupFolder> {
    return this.get(folderSchema, { template: '/folder/{folder_id}', pathParams: { folder_id: folderId } }, call);
  }

  async getFolderLists(folderId: string, opts: ArchivedOption = {}, call?: ClickupCallOptions): Promise<ClickupList[]> {
    const req = archivedListing('/folder/{folder_id}/list', { folder_id: folderId }, opts);
    return (await this.get(listsResponseSchema, req, call)).lists;
  }

  async getFolderlessLists(spaceId: string, opts: ArchivedOption = {}, call?: ClickupCallOptions): Promise<ClickupList[]> {
    const req = archivedListing('/space/{space_id}/list', { space_id: spaceId }, opts);
    return (await this.get(listsResponseSchema, req, call)).lists;
  }

  /** GET /list/{list_id}, including the list's `statuses`. */
  async getList(listId: string, call?: ClickupCallOptions): Promise<ClickupList> {
    return this.get(listSchema, { template: '/list/{list_id}', pathParams: { list_id: listId } }, call);
  }

  // ------------------------------------------------------------ tasks

  /**
   * GET /team/{team_id}/task, page by page (100 tasks each). For a sync pass
   * `{ subtasks: true, includeClosed: true }`: ClickUp excludes both by default. Tasks in
   * archived lists never appear here; fetch those with iterateListTasks.
   */
  iterateTeamTasks(teamId: string, query: TeamTasksQuery = {}, call?: ClickupCallOptions): TaskPages {
    const template = '/team/{team_id}/task';
    const fetchPage = (page: number) => this.taskPage({ template, pathParams: { team_id: teamId }, query: teamTasksParams(query, page) }, call);
    return paginateTasks(fetchPage, `GET ${template}`, query.startPage ?? 0);
  }

  /** GET /list/{list_id}/task, page by page. `includeTiml` adds tasks homed in other lists. */
  iterateListTasks(listId: string, query: ListTasksQuery = {}, call?: ClickupCallOptions): TaskPages {
    const template = '/list/{list_id}/task';
    const fetchPage = (page: number) => this.taskPage({ template, pathParams: { list_id: listId }, query: listTasksParams(query, page) }, call);
    return paginateTasks(fetchPage, `GET ${template}`, query.startPage ?? 0);
  }

  async getTask(taskId: string, opts: GetTaskOptions = {}, call?: ClickupCallOptions): Promise<ClickupTask> {
    const template = '/task/{task_id}';
    const query = {
      ...customTaskIdParams(opts, `GET ${template}`),
      include_subtasks: opts.includeSubtasks,
      include_markdown_description: opts.includeMarkdownDescription,
    };
    return this.get(taskSchema, { template, pathParams: { task_id: taskId }, query }, call);
  }

  /** POST /list/{list_id}/task. Never retried after it may have reached ClickUp. */
  async createTask(listId: string, body: CreateTaskBody, call?: ClickupCallOptions): Promise<ClickupTask> {
    return this.send(
      taskSchema,
      {
        method: 'POST',
        template: '/list/{list_id}/task',
        pathParams: { list_id: listId },
        body: createTaskPayload(body),
      },
      call,
    );
  }

  /** PUT /task/{task_id}; assignees/watchers as `{ add, rem }`. */
  async updateTask(taskId: string, body: UpdateTaskBody, opts: CustomTaskIdOptions = {}, call?: ClickupCallOptions): Promise<ClickupTask> {
    const template = '/task/{task_id}';
    return this.send(
      taskSchema,
      {
        method: 'PUT',
        template,
        pathParams: { task_id: taskId },
        query: customTaskIdParams(opts, `PUT ${template}`),
        body: updateTaskPayload(body),
      },
      call,
    );
  }

  /** DELETE /task/{task_id} (204). */
  async deleteTask(taskId: string, opts: CustomTaskIdOptions = {}, call?: ClickupCallOptions): Promise<void> {
    const template = '/task/{task_id}';
    await this.transport.request({
      method: 'DELETE',
      template,
      pathParams: { task_id: taskId },
      query: customTaskIdParams(opts, `DELETE ${template}`),
      priority: call?.priority,
    });
  }

  // ------------------------------------------------------------ time tracking

  /**
   * GET /team/{team_id}/time_entries. No paging: everything in the range comes back at once.
   * Defaults are the token's own user and the last 30 days; pass `assignees` (all member
   * ids) and `startDate` for a full pull.
   */
  async getTimeEntries(teamId: string, query: TimeEntriesQuery = {}, call?: ClickupCallOptions): Promise<ClickupTimeEntry[]> {
    const template = '/team/{team_id}/time_entries';
    const params = {
      ...timeEntriesParams(query, `GET ${template}`),
      ...(query.customTaskIds ? { team_id: teamId } : {}),
    };
    const req = { template, pathParams: { team_id: teamId }, query: params };
    const { data } = await this.get(timeEntriesResponseSchema, req, call);
    return this.listing(timeEntrySchema, data, `GET ${template}`, call);
  }

  async getTimeEntry(teamId: string, timerId: string, opts: GetTimeEntryOptions = {}, call?: ClickupCallOptions): Promise<ClickupTimeEntry> {
    const req = {
      template: '/team/{team_id}/time_entries/{timer_id}',
      pathParams: { team_id: teamId, timer_id: timerId },
      query: { include_location_names: opts.includeLocationNames, include_task_tags: opts.includeTaskTags },
    };
    return (await this.get(singleTimeEntryResponseSchema, req, call)).data;
  }

  /** POST /team/{team_id}/time_entries. A negative duration starts a running timer. */
  async createTimeEntry(teamId: string, body: CreateTimeEntryBody, call?: ClickupCallOptions): Promise<ClickupTimeEntry> {
    const req: ClickupRequest = {
      method: 'POST',
      template: '/team/{team_id}/time_entries',
      pathParams: { team_id: teamId },
      query: customTaskIdQuery(body.customTaskIds, teamId),
      body: createTimeEntryPayload(body),
    };
    return (await this.send(singleTimeEntryResponseSchema, req, call)).data;
  }

  /** PUT …/time_entries/{timer_id}. ClickUp's response is not a reliable entry: re-read with getTimeEntry. */
  async updateTimeEntry(teamId: string, timerId: string, body: UpdateTimeEntryBody, call?: ClickupCallOptions): Promise<void> {
    const template = '/team/{team_id}/time_entries/{timer_id}';
    await this.transport.request({
      method: 'PUT',
      template,
      pathParams: { team_id: teamId, timer_id: timerId },
      query: customTaskIdQuery(body.customTaskIds, teamId),
      body: updateTimeEntryPayload(body, `PUT ${template}`),
      priority: call?.priority,
    });
  }

  async deleteTimeEntry(teamId: string, timerId: string, call?: ClickupCallOptions): Promise<void> {
    await this.transport.request({
      method: 'DELETE',
      template: '/team/{team_id}/time_entries/{timer_id}',
      pathParams: { team_id: teamId, timer_id: timerId },
      priority: call?.priority,
    });
  }

  /** The running timer of `assignee` (default: the token's user), or null. */
  async getCurrentTimer(teamId: string, opts: { assignee?: number } = {}, call?: ClickupCallOptions): Promise<ClickupTimeEntry | null> {
    const req = {
      template: '/team/{team_id}/time_entries/current',
      pathParams: { team_id: teamId },
      query: { assignee: opts.assignee },
    };
    return (await this.get(currentTimerResponseSchema, req, call)).data;
  }

  async startTimer(teamId: string, body: StartTimerBody = {}, call?: ClickupCallOptions): Promise<ClickupTimeEntry> {
    const req: ClickupRequest = {
      method: 'POST',
      template: '/team/{team_id}/time_entries/start',
      pathParams: { team_id: teamId },
      query: customTaskIdQuery(body.customTaskIds, teamId),
      body: startTimerPayload(body),
    };
    return (await this.send(singleTimeEntryResponseSchema, req, call)).data;
  }

  /**
   * Stops the token user's running timer and returns the finished entry. No body: the spec
   * defines none, and a strict server refuses `{}` with 415.
   */
  async stopTimer(teamId: string, call?: ClickupCallOptions): Promise<ClickupTimeEntry> {
    const req: ClickupRequest = {
      method: 'POST',
      template: '/team/{team_id}/time_entries/stop',
      pathParams: { team_id: teamId },
    };
    return (await this.send(singleTimeEntryResponseSchema, req, call)).data;
  }

  // ------------------------------------------------------------ webhooks

  /** POST /team/{team_id}/webhook. The returned `secret` verifies X-Signature on deliveries. */
  async createWebhook(teamId: string, body: CreateWebhookBody, call?: ClickupCallOptions): Promise<CreatedClickupWebhook> {
    const template = '/team/{team_id}/webhook';
    const req: ClickupRequest = {
      method: 'POST',
      template,
      pathParams: { team_id: teamId },
      body: createWebhookPayload(body, `POST ${template}`),
    };
    return (await this.send(createWebhookResponseSchema, req, call)).webhook;
  }

  /** Only the webhooks created by the token's user. */
  async listWebhooks(teamId: string, call?: ClickupCallOptions): Promise<ClickupWebhook[]> {
    const req = { template: '/team/{team_id}/webhook', pathParams: { team_id: teamId } };
    return (await this.get(webhooksResponseSchema, req, call)).webhooks;
  }

  async deleteWebhook(webhookId: string, call?: ClickupCallOptions): Promise<void> {
    await this.transport.request({
      method: 'DELETE',
      template: '/webhook/{webhook_id}',
      pathParams: { webhook_id: webhookId },
      priority: call?.priority,
    });
  }

  // ------------------------------------------------------------ plumbing

  private async taskPage(req: ReadRequest, call?: ClickupCallOptions): Promise<TaskPage> {
    const page = await this.get(taskPageSchema, req, call);
    const items = page.tasks;
    return {
      tasks: this.listing(taskSchema, items, `GET ${req.template}`, call),
      lastPage: page.last_page,
      itemCount: items.length,
      firstId: rawItemId(items[0]),
      lastId: rawItemId(items[items.length - 1]),
    };
  }

  /** Parses listing items one by one; each one that does not parse is reported and left out. */
  private listing<S extends z.ZodType>(schema: S, items: unknown[], endpoint: string, call?: ClickupCallOptions): z.output<S>[] {
    const { items: good, skipped } = parseListingItems(schema, items, endpoint);
    for (const item of skipped) {
      if (call?.onSkipped) call.onSkipped(item);
      else this.logger.warn(describeSkipped(item));
    }
    return good;
  }

  private get<S extends z.ZodType>(schema: S, req: ReadRequest, call?: ClickupCallOptions): Promise<z.output<S>> {
    return this.send(schema, { ...req, method: 'GET' }, call);
  }

  private async send<S extends z.ZodType>(schema: S, req: ClickupRequest, call?: ClickupCallOptions): Promise<z.output<S>> {
    const response = await this.transport.request({ ...req, priority: call?.priority ?? req.priority });
    try {
      return parsePayload(schema, response.data, response.endpoint);
    } catch (e) {
      // A write ClickUp answered with 2xx HAPPENED, readable answer or not: say so, with the id if any.
      if (req.method !== 'GET' && e instanceof ClickupPayloadError) {
        throw new ClickupUnreadableWriteError(response.endpoint, e.issues, response.status, answeredId(response.data));
      }
      throw e;
    }
  }
}

const workspacePlanSchema = z.object({ plan_id: z.unknown().optional(), plan_name: z.unknown().optional() }).transform((p): ClickupWorkspacePlan => ({
  planId: typeof p.plan_id === 'number' && Number.isFinite(p.plan_id) ? p.plan_id : null,
  planName: typeof p.plan_name === 'string' && p.plan_name.trim() !== '' ? p.plan_name.trim() : null,
}));

/** `id` or `data.id` of a write's answer: what we know of the object when the rest is unreadable. */
function answeredId(body: unknown): string | null {
  const direct = rawItemId(body);
  if (direct !== null || body === null || typeof body !== 'object') return direct;
  return rawItemId((body as Record<string, unknown>).data);
}

export function describeSkipped(item: SkippedItem): string {
  return `${item.endpoint}: skipped item ${item.index}${item.id ? ` (id ${item.id})` : ''}: ${item.field}: ${item.reason}`;
}

type ReadRequest = Omit<ClickupRequest, 'method'>;

/** Pages of parsed tasks, as yielded by iterateTeamTasks / iterateListTasks. */
export type TaskPages = AsyncGenerator<ClickupTask[], void, undefined>;

function archivedListing(template: string, pathParams: Record<string, string>, opts: ArchivedOption): ReadRequest {
  return { template, pathParams, query: { archived: opts.archived } };
}

/** Time-entry endpoints take the custom-id flag with the path's Workspace id as team_id. */
function customTaskIdQuery(customTaskIds: boolean | undefined, teamId: string) {
  return customTaskIds ? { custom_task_ids: true, team_id: teamId } : undefined;
}

/** The RateBudget for one token, configured from the client options. */
export function createRateBudget(options: ResolvedClickupClientOptions, clock?: BudgetClock): RateBudget {
  return new RateBudget({
    requestsPerMinute: options.requestsPerMinute,
    interactiveReserve: options.interactiveReserve,
    windowMs: options.rateWindowMs,
    clock,
  });
}
