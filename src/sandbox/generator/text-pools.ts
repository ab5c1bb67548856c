/** Word pools for generated names and texts; small on purpose, combined for variety. */

export const FIRST_NAMES = [
  'Alice', 'Bruno', 'Chiara', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas',
  'Kaya', 'Liam', 'Maya', 'Nikolai', 'Olivia', 'Pedro', 'Quinn', 'Rosa', 'Samir', 'Tara',
  'Umar', 'Vera', 'Wen', 'Xavier', 'Yara', 'Zoltan', 'Amara', 'Ben', 'Clara', 'Diego',
] as const;

export const LAST_NAMES = [
  'Anders', 'Baptiste', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen',
  'Kowalski', 'Lindqvist', 'Moreau', 'Novak', 'Okafor', 'Petrov', 'Quispe', 'Rossi', 'Sato', 'Tanaka',
  'Ueda', 'Varga', 'Weber', 'Xu', 'Yilmaz', 'Zimmer',
] as const;

export const USER_COLORS = ['#ff897f', '#7b68ee', '#1f74ff', '#2ecd6f', '#ff7800', '#02bcd4', '#e50000', '#a875ff'] as const;

export const TASK_VERBS = [
  'Implement', 'Fix', 'Refactor', 'Design', 'Review', 'Document', 'Test', 'Migrate', 'Investigate',
  'Update', 'Remove', 'Optimize', 'Set up', 'Write', 'Plan',
] as const;

export const TASK_OBJECTS = [
  'login screen', 'payment flow', 'push notifications', 'search index', 'onboarding emails',
  'API rate limiter', 'dark mode', 'CSV export', 'billing webhook', 'user settings page',
  'crash on startup', 'offline sync', 'release notes', 'landing page copy', 'database backups',
  'CI pipeline', 'error tracking', 'image upload', 'SSO integration', 'analytics dashboard',
  'access logs', 'cache invalidation', 'password reset', 'feature flags', 'load balancer',
] as const;

export const DESCRIPTIONS = [
  'Acceptance criteria are in the spec document.',
  'Customer reported this twice last week; reproduce first.',
  'Coordinate with the backend team before merging.',
  'Blocked until the design review is done.',
  'Keep the old behaviour behind a feature flag.',
  'Measure before and after; attach the numbers.',
] as const;

export const TIME_ENTRY_DESCRIPTIONS = [
  '', '', '', 'Implementation', 'Code review', 'Pairing session', 'Bug investigation', 'Meeting',
  'Testing on devices', 'Writing docs', 'Deploy and verify', 'Planning',
] as const;

export const TIME_ENTRY_TAGS = [
  ['development', '#ffffff', '#4194f6'],
  ['meeting', '#ffffff', '#ff7800'],
  ['support', '#ffffff', '#2ecd6f'],
  ['overtime', '#ffffff', '#e50000'],
] as const;

export const EXTRA_LIST_NAMES = ['Sprint', 'Backlog', 'Iteration', 'Milestone', 'Epic'] as const;
