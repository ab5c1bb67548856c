import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { McpRegistryService } from '@rekog/mcp-nest';
import { randomUUID } from 'node:crypto';
import { secretScrubber } from '../../common/logging/secret-scrubber';
import { HierarchyService } from '../../mapping/hierarchy.service';
import { DomainError } from '../../common/errors/domain-error';
import { ToolMetaService } from '../core/tool-meta.service';

export const HIERARCHY_URI = 'clickup://hierarchy';
export const MEMBERS_URI = 'clickup://members';

const JSON_MIME = 'application/json';

/**
 * MCP resources: the synced hierarchy and the member list as JSON documents a client can attach
 * to a conversation once, instead of the model calling get_spaces/get_folders/get_lists in a
 * loop. Read from the database like every read tool, with the same freshness fields.
 */
@Injectable()
export class WorkspaceResourcesService implements OnModuleInit {
  private readonly logger = new Logger('McpResources');

  constructor(
    private readonly registry: McpRegistryService,
    private readonly hierarchy: HierarchyService,
    private readonly meta: ToolMetaService,
  ) {}

  onModuleInit(): void {
    this.registry.registerResource({
      uri: HIERARCHY_URI,
      name: 'ClickUp hierarchy',
      description: 'The synced workspace as a tree: spaces → folders → lists (and folderless lists), with ids, archived flags and task counts.',
      mimeType: JSON_MIME,
      handler: () => this.read(HIERARCHY_URI, () => this.hierarchyDocument()),
    });
    this.registry.registerResource({
      uri: MEMBERS_URI,
      name: 'ClickUp members',
      description: 'Workspace members: id, name, email, role and status (pending invitees included).',
      mimeType: JSON_MIME,
      handler: () => this.read(MEMBERS_URI, () => this.membersDocument()),
    });
  }

  /**
   * mcp-nest answers a resource handler's exception with its own message (and cannot map plain
   * errors for dynamic resources), so errors are turned into McpErrors here: a caller-fixable
   * one verbatim, anything else as a generic message with a reference to the server log.
   */
  private async read(uri: string, build: () => Promise<unknown>) {
    try {
      return { contents: [{ uri, mimeType: JSON_MIME, text: JSON.stringify(await build(), null, 2) }] };
    } catch (e) {
      if (e instanceof DomainError) throw new McpError(ErrorCode.InvalidRequest, secretScrubber.scrub(e.message));
      const ref = randomUUID().slice(0, 8);
      this.logger.error(`Resource ${uri} failed [${ref}]: ${secretScrubber.scrub((e as Error)?.stack ?? String(e))}`);
      throw new McpError(ErrorCode.InternalError, `Internal error reading ${uri} (reference ${ref}); the server log has the details.`);
    }
  }

  private async hierarchyDocument() {
    const ws = await this.hierarchy.workspaceId();
    return { ...(await this.meta.meta()), ...(await this.hierarchy.tree(ws, true)) };
  }

  private async membersDocument() {
    const ws = await this.hierarchy.workspaceId();
    return {
      ...(await this.meta.meta()),
      workspace_id: ws,
      members: (await this.hierarchy.members(ws)).map((m) => ({ id: m.id, name: m.username, email: m.email, role: m.roleKey, status: m.status })),
    };
  }
}
