/**
 * Status categories (docs/tools.md rule 5): an override table by upper-cased status name wins,
 * else ClickUp's status type decides.
 */
export const STATUS_CATEGORIES = ['not_started', 'active', 'done', 'closed'] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];
export type ClickupStatusType = 'open' | 'custom' | 'done' | 'closed';

const group = (cat: StatusCategory, names: string[]) => names.map((n) => [n, cat] as const);

export const DEFAULT_STATUS_OVERRIDES: Readonly<Record<string, StatusCategory>> = Object.freeze(
  Object.fromEntries([
    ...group('not_started', ['BACKLOG', 'QUEUED', 'QUEUE', 'IN QUEUE', 'TO DO', 'TO-DO', 'PENDING', 'OPEN', 'IN PLANNING']),
    ...group('active', [
      'SCOPING',
      'IN DESIGN',
      'DEV',
      'IN DEVELOPMENT',
      'DEVELOPMENT',
      'REVIEW',
      'IN REVIEW',
      'TESTING',
      'QA',
      'BUG',
      'BLOCKED',
      'WAITING',
      'STAGING DEPLOY',
      'READY FOR DEVELOPMENT',
      'READY FOR PRODUCTION',
      'IN PROGRESS',
      'ON HOLD',
    ]),
    ...group('done', ['SHIPPED', 'RELEASE', 'COMPLETE', 'DONE', 'RESOLVED', 'PROD', 'QC CHECK']),
    ...group('closed', ['CANCELLED', 'CLOSED']),
  ]),
);

const BY_TYPE: Record<ClickupStatusType, StatusCategory> = {
  open: 'not_started',
  custom: 'active',
  done: 'done',
  closed: 'closed',
};

export function statusCategory(
  name: string | null | undefined,
  type: string | null | undefined,
  overrides: Readonly<Record<string, StatusCategory>> = DEFAULT_STATUS_OVERRIDES,
): StatusCategory {
  const key = (name ?? '').trim().toUpperCase();
  if (key && overrides[key]) return overrides[key];
  return BY_TYPE[(type ?? '') as ClickupStatusType] ?? 'active';
}

export const isFinishedCategory = (c: StatusCategory): boolean => c === 'done' || c === 'closed';
