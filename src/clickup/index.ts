/**
 * Public surface of the ClickUp client module. clickup.client, clickup.module,
 * clickup.types, clickup.errors and clickup-client.options are stable entry points too;
 * transport/, schemas/ and endpoints/ are internal.
 */
export * from './clickup-client.options';
export * from './clickup.errors';
export * from './clickup.types';
export { ClickupClient, CLICKUP_TRANSPORT_DEPS, createRateBudget } from './clickup.client';
export type { ArchivedOption, TaskPages } from './clickup.client';
export { ClickupModule } from './clickup.module';
export type { ClickupModuleAsyncOptions } from './clickup.module';
export { RateBudget } from './transport/rate-budget';
export type { RateBudgetOptions } from './transport/rate-budget';
export type { BudgetClock } from './transport/budget-clock';
export { systemClock } from './transport/budget-clock';
