import { ok } from '../http/http-types';
import { Router } from '../http/router';
import { applyMutationCommand } from '../mutations/mutation-command';
import { boolParam } from '../query/task-filter';
import { FaultConfig, SandboxStats } from '../sandbox-faults.types';
import type { SandboxStore } from '../sandbox-store';
import { Errors } from '../store/sandbox-error';
import { bodyObject, optNumber } from './route-helpers';

/** What the admin routes control on the running server. */
export interface AdminControls {
  store: SandboxStore;
  setFaults(faults: FaultConfig): void;
  currentFaults(): FaultConfig;
  setRateLimit(perMinute: number): void;
  rateLimit(): number;
  stats(): SandboxStats;
  resetStats(): void;
}

/**
 * /_sandbox/*: test and demo controls, outside /api/v2, never rate limited or faulted, and only
 * for the owner's token (checked by the request handler before these run).
 */
export function registerAdminRoutes(router: Router, admin: AdminControls): void {
  router.add('GET', '/dump', (req) => ok(admin.store.dump({ includeTimeEntries: boolParam(req.query, 'time_entries', true) })));

  router.add('POST', '/mutations', (req) => ok({ applied: applyMutationCommand(admin.store, req.body) }));

  router.add('GET', '/faults', () => ok(admin.currentFaults()));

  router.add('PUT', '/faults', (req) => {
    try {
      admin.setFaults(bodyObject(req) as FaultConfig);
    } catch (e) {
      throw Errors.badInput(e instanceof Error ? e.message : String(e));
    }
    return ok(admin.currentFaults());
  });

  router.add('GET', '/rate-limit', () => ok({ perMinute: admin.rateLimit() }));

  router.add('PUT', '/rate-limit', (req) => {
    const perMinute = optNumber(bodyObject(req), 'perMinute');
    if (perMinute === undefined || perMinute < 0) throw Errors.badInput('perMinute must be a number ≥ 0 (0 = off)');
    admin.setRateLimit(perMinute);
    return ok({ perMinute: admin.rateLimit() });
  });

  router.add('GET', '/stats', () => ok(admin.stats()));

  router.add('POST', '/stats/reset', () => {
    admin.resetStats();
    return ok(admin.stats());
  });
}
