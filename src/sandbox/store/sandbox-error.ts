/**
 * A refusal in ClickUp's terms: HTTP status plus the `{err, ECODE}` body. Mutations throw it for
 * invalid input so the HTTP routes and the in-process mutation API reject the same things.
 */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly err: string,
    readonly ecode: string,
  ) {
    super(`${status} ${ecode}: ${err}`);
    this.name = 'SandboxError';
  }

  body(): { err: string; ECODE: string } {
    return { err: this.err, ECODE: this.ecode };
  }
}

/** The error bodies the sandbox uses, in one place (see docs/sandbox.md for which are verified). */
export const Errors = {
  authHeaderMissing: () => new SandboxError(401, 'Authorization header required', 'OAUTH_017'),
  tokenNotFound: () => new SandboxError(401, 'Token not found', 'OAUTH_019'),
  teamNotAuthorized: () => new SandboxError(401, 'Team not authorized', 'OAUTH_027'),
  taskNotFound: () => new SandboxError(404, 'Task not found', 'ITEM_013'),
  listNotFound: () => new SandboxError(404, 'List not found', 'ITEM_015'),
  spaceNotFound: () => new SandboxError(404, 'Space not found', 'PROJ_006'),
  folderNotFound: () => new SandboxError(404, 'Folder not found', 'FOLD_002'),
  taskIdInvalid: () => new SandboxError(400, 'Task ID invalid', 'INPUT_003'),
  timeEntryNotFound: () => new SandboxError(404, 'Time entry not found', 'TIMEENTRY_003'),
  noRunningTimer: () => new SandboxError(404, 'No timer running', 'TIMEENTRY_004'),
  adminOnlyTimeEntries: () => new SandboxError(401, 'Only owners and admins can access time entries of other users', 'TIMEENTRY_052'),
  webhookNotFound: () => new SandboxError(404, 'Webhook not found', 'WEBHOOK_004'),
  routeNotFound: () => new SandboxError(404, 'Route not found', 'APP_001'),
  rateLimited: () => new SandboxError(429, 'Rate limit reached', 'APP_002'),
  invalidJson: () => new SandboxError(400, 'Request body is not valid JSON', 'INPUT_001'),
  badInput: (message: string, ecode = 'INPUT_002') => new SandboxError(400, message, ecode),
} as const;

/** Refusals specific to task and time-entry writes. */
export const WriteErrors = {
  statusNotFound: (name: string) => new SandboxError(400, `Status "${name}" does not exist in this list`, 'CRTSK_001'),
  nameRequired: () => new SandboxError(400, 'Task name invalid', 'INPUT_005'),
  priorityInvalid: () => new SandboxError(400, 'Priority invalid', 'INPUT_006'),
  notAMember: (userId: number) => new SandboxError(400, `User ${userId} is not a member of this workspace`, 'INPUT_007'),
  parentNotInList: () => new SandboxError(400, 'Parent task must be in the same list', 'CRTSK_002'),
  parentInvalid: () => new SandboxError(400, 'Parent task invalid: a task cannot be its own ancestor', 'ITEM_137'),
  homeListRemoval: () => new SandboxError(400, 'Cannot remove a task from its home list', 'ITEM_185'),
  dependencyInvalid: () => new SandboxError(400, 'Dependency invalid', 'DEPEND_001'),
  timeRangeInvalid: () => new SandboxError(400, 'Time entry end must not be before its start', 'TIMEENTRY_006'),
  startRequired: () => new SandboxError(400, 'Start is required', 'TIMEENTRY_001'),
  durationRequired: () => new SandboxError(400, 'Duration or end is required', 'TIMEENTRY_002'),
  customFieldInvalid: () => new SandboxError(400, 'Custom field is not available on this task', 'FIELD_033'),
  ownerRemoval: () => new SandboxError(400, 'The workspace owner cannot be removed', 'TEAM_015'),
} as const;
