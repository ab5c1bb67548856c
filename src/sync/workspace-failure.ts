import {
  ClickupAuthError,
  ClickupError,
  ClickupForbiddenError,
  ClickupPayloadError,
  ClickupRateLimitError,
  ClickupUnavailableError,
} from '../clickup/clickup.errors';
import { describeError } from './sync-context';

/**
 * Why a sync could not even find its workspace (GET /team failed or showed none), as one sentence
 * that says what to do. It ends up in the run record, /health, the REST answer, the MCP tool
 * result and the CLI's one line.
 */
export class WorkspaceUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceUnavailableError';
  }

  static from(e: unknown): WorkspaceUnavailableError {
    return e instanceof WorkspaceUnavailableError ? e : new WorkspaceUnavailableError(explainWorkspaceFailure(e));
  }
}

export function explainWorkspaceFailure(e: unknown): string {
  if (e instanceof ClickupAuthError) {
    return `ClickUp rejected the token (${statusOf(e)}): check CLICKUP_API_TOKEN.`;
  }
  if (e instanceof ClickupForbiddenError) {
    return `ClickUp refused the token access to its workspaces (${statusOf(e)}): check CLICKUP_API_TOKEN and its permissions.`;
  }
  if (e instanceof ClickupRateLimitError) {
    const at = e.retryAtMs ? ` until ${new Date(e.retryAtMs).toISOString()}` : '';
    return `ClickUp's rate limit for this token is used up${at} (429); the sync will run again on its schedule.`;
  }
  if (e instanceof ClickupUnavailableError) {
    return `ClickUp could not be reached (${e.message}); the sync will run again on its schedule.`;
  }
  if (e instanceof ClickupPayloadError) {
    return `ClickUp's answer to GET /team could not be read (${e.issues[0] ?? 'unexpected payload'}), so the workspace to sync is unknown.`;
  }
  if (e instanceof ClickupError) return `ClickUp request failed: ${e.message}`;
  return describeError(e);
}

function statusOf(e: ClickupAuthError | ClickupForbiddenError): string {
  return [e.status, e.ecode].filter(Boolean).join(' ') + (e.clickupMessage ? `: ${e.clickupMessage}` : '');
}
