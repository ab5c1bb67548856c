import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Clock } from '../common/time/clock';
import { ProjectRegistryService } from '../mapping/project-registry.service';
import { AddProjectBody, ImportProjectsBody, ProjectParams } from './dto/projects-rest.dto';
import { ProjectStatusService } from './project-status.service';
import { checkJson, entryJson, iso, statusJson, weeksJson } from './project-views';

/**
 * REST mirrors of the project registry and dashboard (the projects and mapping tools): the same
 * services and the same JSON. Changes need a `write` token like every other non-GET endpoint.
 */
@ApiTags('projects')
@Controller('api/projects')
export class ProjectsController {
  constructor(
    private readonly registry: ProjectRegistryService,
    private readonly status: ProjectStatusService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Tracked projects (list_projects): alias, target, location, state, last activity.' })
  async list() {
    const rows = await this.status.entries();
    return {
      projects: rows.map((r) => ({
        ...entryJson(r.entry),
        notes: r.entry.notes,
        added_at: r.entry.addedAt,
        checked_at: r.entry.checkedAt,
        last_activity: iso(r.lastActivity),
      })),
    };
  }

  @Post()
  @ApiOperation({
    summary: 'Track a space, folder or list under an alias (add_project). 201 when added, 200 when that alias already tracks that target.',
  })
  @ApiConflictResponse({ description: 'The alias is taken by an entry pointing elsewhere (the message names it).' })
  @ApiNotFoundResponse({ description: 'No space, folder or list matches the target (the message lists the closest).' })
  async add(@Body() body: AddProjectBody, @Res({ passthrough: true }) res: Response) {
    const ws = await this.registry.workspaceId();
    const r = await this.registry.add(ws, body);
    res.status(r.created ? HttpStatus.CREATED : HttpStatus.OK);
    return { created: r.created, project: { ...entryJson(r.entry), notes: r.entry.notes }, warnings: r.warnings };
  }

  @Get('status')
  @ApiOperation({ summary: "The dashboard (get_all_projects_status): every tracked project's status." })
  async dashboard() {
    const d = await this.status.dashboard();
    return { total: d.total, weeks: weeksJson(d.weeks), projects: d.rows.map(statusJson), unavailable: d.unavailable };
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Re-check every entry against the synced hierarchy (refresh_projects): renamed, moved, archived, deleted targets.' })
  async refresh() {
    const ws = await this.registry.workspaceId();
    return { projects: (await this.registry.refresh(ws)).map(checkJson) };
  }

  @Get('export')
  @ApiOperation({ summary: 'Every alias as JSON (export_mappings); POST it to /api/projects/import to restore.' })
  async export() {
    return this.registry.exportDoc(await this.registry.workspaceId(), new Date(this.clock.now()));
  }

  @Post('import')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Add the aliases of an export or of an original project_map.json (import_mappings); reports what it could not match.' })
  async import(@Body() body: ImportProjectsBody) {
    return this.registry.import(await this.registry.workspaceId(), body);
  }

  @Get(':alias/status')
  @ApiOperation({
    summary: "One project's status (get_project_status): progress, tasks by category, overdue, health grade, time this week and last, last activity.",
  })
  @ApiNotFoundResponse({ description: 'No alias, space, folder or list matches (the message lists the closest).' })
  async one(@Param() p: ProjectParams) {
    const { status, weeks } = await this.status.status(p.alias);
    return { ...statusJson(status), weeks: weeksJson(weeks) };
  }

  @Delete(':alias')
  @ApiOperation({ summary: 'Stop tracking an alias (remove_project); the space, folder or list itself is untouched.' })
  @ApiNotFoundResponse({ description: 'No such alias (the message lists the closest).' })
  async remove(@Param() p: ProjectParams) {
    const ws = await this.registry.workspaceId();
    return { removed: entryJson(await this.registry.remove(ws, p.alias)) };
  }
}
