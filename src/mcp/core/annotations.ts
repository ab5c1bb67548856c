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
/**
 * Adds to the server's project registry (not ClickUp): readOnlyHint false, closed world. Adding
 * the same alias for the same target again changes nothing.
 */
export const REGISTRY_ADD: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false };
/** Removes a registry entry (not anything in ClickUp). */
export const REGISTRY_REMOVE: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false };
/** Re-checks the registry and records what it found (no entry is added or removed). */
export const REGISTRY_CHECK: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false };
