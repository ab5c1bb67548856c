import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';

/**
 * Annotation presets: every tool picks one, so hints stay consistent. openWorldHint is true only
 * for tools that reach ClickUp itself; reads answer from the synced database (a closed world).
 */
export const READ: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
/** Creates something new in ClickUp (not idempotent: calling twice creates twice). */
export const CREATE: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };
/** Changes fields of an existing ClickUp object to given values (repeating it changes nothing more). */
export const UPDATE: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true };
/** Reads ClickUp and refreshes the local copy (sync, cache refresh): no ClickUp data changes. */
export const REFRESH: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true };
/** Starts/stops a timer: changes ClickUp state, not idempotent. */
export const TOGGLE: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };
