import { Controller, Get, HttpCode, HttpException, HttpStatus, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadGatewayResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListRunsQuery, RunIdParams, SnapshotQuery, StartSyncQuery } from './dto/sync-rest.dto';
import { SnapshotService } from './snapshot.service';
import { RunnableKind, StartResult, SyncRunnerService } from './sync-runner.service';
import { SyncRunRepository } from './repositories/sync-run.repository';
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
  @ApiAcceptedResponse({ description: 'Started: `{ status: "started", runId }` (or the finished run with wait=true).' })
  @ApiConflictResponse({ description: 'Another sync of the workspace is running: `{ status: "already_running", runId }`.' })
  @ApiBadGatewayResponse({
    description: 'ClickUp refused the token or could not be read or reached: `{ status: "failed", runId, error }` (the failed run is recorded).',
  })
  full(@Query() q: StartSyncQuery) {
    return this.start('full', q.wait);
  }

  @Post('incremental')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Start an incremental sync: changed tasks since the cursor, a trailing window of time entries, members.' })
  incremental(@Query() q: StartSyncQuery) {
    return this.start('incremental', q.wait);
  }

  @Post('reconcile')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Start a reconcile: re-read everything and soft-delete what ClickUp no longer has (only after complete reads).' })
  reconcile(@Query() q: StartSyncQuery) {
    return this.start('reconcile', q.wait);
  }

  @Post('members')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Refresh workspace members (one request).' })
  members(@Query() q: StartSyncQuery) {
    return this.start('members', q.wait);
  }

  @Post('snapshot')
  @ApiOperation({ summary: "Write today's task snapshot (status, assignees, estimate, time logged that day) into the history." })
  async snapshot(@Query() q: SnapshotQuery) {
    return this.snapshots.snapshot('api', q.date);
  }

  @Get('runs')
  @ApiOperation({ summary: 'Sync runs, newest first.' })
  async list(@Query() q: ListRunsQuery) {
    const { total, runs } = await this.runs.list({ limit: q.limit, offset: q.offset, kind: q.kind, status: q.status });
    return { total, limit: q.limit, offset: q.offset, runs: runs.map(toRunView) };
  }

  @Get('runs/:id')
  @ApiOperation({ summary: 'One sync run with counts, requests used, 429s seen and errors.' })
  async get(@Param() p: RunIdParams) {
    const run = await this.runs.get(p.id);
    if (!run) throw new NotFoundException(`No sync run ${p.id}.`);
    return toRunView(run);
  }

  @Get('status')
  @ApiOperation({ summary: 'Freshness per entity, counts, the running run and the next scheduled runs.' })
  @ApiOkResponse({ description: 'Sync status.' })
  status_() {
    return this.status.view();
  }

  private async start(kind: RunnableKind, wait?: boolean) {
    const r: StartResult = await this.runner.start(kind, 'api');
    if (!r.started && r.reason === 'failed') {
      // ClickUp refused or could not be read before the run began: the run is recorded as failed.
      throw new HttpException({ status: 'failed', runId: r.runId, error: r.error, links: { run: `/sync/runs/${r.runId}` } }, HttpStatus.BAD_GATEWAY);
    }
    if (!r.started) {
      throw new HttpException({ status: 'already_running', runId: r.runId, kind: r.kind, since: r.since.toISOString() }, HttpStatus.CONFLICT);
    }
    if (wait) return { status: 'finished', run: toRunView(await r.done) };
    return { status: 'started', runId: r.runId, links: { run: `/sync/runs/${r.runId}` } };
  }
}
