/** The toolsets of docs/tools.md. Every tool belongs to exactly one. */
export const TOOLSETS = ['workspace', 'tasks', 'analytics', 'projects', 'intelligence', 'mapping', 'sync'] as const;
export type ToolsetName = (typeof TOOLSETS)[number];

export const TOOLSET_DESCRIPTIONS: Record<ToolsetName, string> = {
  workspace: 'Browse the hierarchy: workspaces, spaces, folders, lists, members.',
  tasks: 'Find, inspect and change tasks.',
  analytics: 'Time reports and timesheets.',
  projects: 'The project registry.',
  intelligence: 'Project insights: health, standups, velocity.',
  mapping: 'Aliases, hierarchy discovery and sync state.',
  sync: 'Sync status, triggering syncs, time tracking writes.',
};

/** Scope names carried by an authenticated MCP caller (see McpAccessGuard). */
export const toolsetScope = (t: ToolsetName): string => `toolset:${t}`;
export const WRITE_SCOPE = 'write';
