import { Controller, Get, HttpCode, HttpException, HttpStatus, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SnapshotService } from './snapshot.service';
import { RunnableKind, StartResult, SyncRunnerService } from './sync-runner.service';
import { SYNC_KINDS, SYNC_STATUSES, SyncRunRepository } from './repositories/sync-run.repository';
import { MAX_INT32 } from '../common/limits';
import { SyncStatusService, toRunView } from './sync-status.service';

/** REST ops for the sync. Side effects only on POST; GETs are safe to call from anywhere. */
@ApiTags('sync')
@Controller('sync')
export class SyncController {
  constructor(
    private readonly runner: SyncRunnerService,
    private readonly snapshots: SnapshotService,
    private readonly runs: SyncRunRepository,
    private readonly status: SyncStatusService,
  ) {}

  @Post('full')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Start a full sync: hierarchy, members, every task and all time entries over the history horizon.' })
  @ApiQuery({ name: 'wait', required: false, description: 'true: answer when the run ends, with its summary.' })
  @ApiAcceptedResponse({ description: 'Started: `{ status: "started", runId }` (or the finished run with wait=true).' })
  @ApiConflictResponse({ description: 'Another sync of the workspace is running: `{ status: "already_running", runId }`.' })
  full(@Query('wait') wait?: string) {
    return this.start('full', wait);
  }

  @Post('incremental')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Start an incremental sync: changed tasks since the cursor, a trailing window of time entries, members.' })
  @ApiQuery({ name: 'wait', required: false })
  incremental(@Query('wait') wait?: string) {
    return this.start('incremental', wait);
  }

  @Post('reconcile')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Start a reconcile: re-read everything and soft-delete what ClickUp no longer has (only after complete reads).' })
  @ApiQuery({ name: 'wait', required: false })
  reconcile(@Query('wait') wait?: string) {
    return this.start('reconcile', wait);
  }

  @Post('members')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Refresh workspace members (one request).' })
  @ApiQuery({ name: 'wait', required: false })
  members(@Query('wait') wait?: string) {
    return this.start('members', wait);
  }

  @Post('snapshot')
  @ApiOperation({ summary: "Write today's task snapshot (status, assignees, estimate, time logged that day) into the history." })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD; default today in SYNC_TIME_ZONE.' })
  async snapshot(@Query('date') date?: string) {
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      throw new HttpException({ error: 'date must be YYYY-MM-DD' }, HttpStatus.BAD_REQUEST);
    }
    return this.snapshots.snapshot('api', date);
  }

  @Get('runs')
  @ApiOperation({ summary: 'Sync runs, newest first.' })
  @ApiQuery({ name: 'limit', required: false }) @ApiQuery({ name: 'offset', required: false })
  @ApiQuery({ name: 'kind', required: false }) @ApiQuery({ name: 'status', required: false })
  async list(@Query('limit') limit = '20', @Query('offset') offset = '0', @Query('kind') kind?: string, @Query('status') status?: string) {
    const l = clampInt(limit, 1, 200, 'limit');
    const o = clampInt(offset, 0, 1_000_000, 'offset');
    oneOf(kind, SYNC_KINDS, 'kind');
    oneOf(status, SYNC_STATUSES, 'status');
    const { total, runs } = await this.runs.list({ limit: l, offset: o, kind, status });
    return { total, limit: l, offset: o, runs: runs.map(toRunView) };
  }

  @Get('runs/:id')
  @ApiOperation({ summary: 'One sync run with counts, requests used, 429s seen and errors.' })
  async get(@Param('id') idText: string) {
    if (!/^\d{1,20}$/.test(idText)) throw new HttpException({ error: 'id must be a sync run number, e.g. /sync/runs/42' }, HttpStatus.BAD_REQUEST);
    const id = Number(idText);
    // Beyond PostgreSQL's integer no run can exist: answer that, rather than overflow the query.
    const run = id >= 1 && id <= MAX_INT32 ? await this.runs.get(id) : null;
    if (!run) throw new NotFoundException(`No sync run ${idText}.`);
    return toRunView(run);
  }

  @Get('status')
  @ApiOperation({ summary: 'Freshness per entity, counts, the running run and the next scheduled runs.' })
  @ApiOkResponse({ description: 'Sync status.' })
  status_() {
    return this.status.view();
  }

  private async start(kind: RunnableKind, wait?: string) {
    const r: StartResult = await this.runner.start(kind, 'api');
    if (!r.started) {
      throw new HttpException({ status: 'already_running', runId: r.runId, kind: r.kind, since: r.since.toISOString() }, HttpStatus.CONFLICT);
    }
    if (wait === 'true' || wait === '1') return { status: 'finished', run: toRunView(await r.done) };
    return { status: 'started', runId: r.runId, links: { run: `/sync/runs/${r.runId}` } };
  }
}

function oneOf(value: string | undefined, allowed: readonly string[], name: string): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw new HttpException({ error: `${name} must be one of ${allowed.join(', ')}` }, HttpStatus.BAD_REQUEST);
  }
}

function clampInt(v: string, min: number, max: number, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new HttpException({ error: `${name} must be an integer from ${min} to ${max}` }, HttpStatus.BAD_REQUEST);
  }
  return n;
}
