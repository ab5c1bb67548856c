import { ClickupApiError, ClickupError, ClickupPayloadError, ClickupRateLimitError, ClickupUnavailableError } from './clickup.errors';

/**
 * One sentence for a ClickUp failure outside the writes (which have their own rule in
 * src/writes/write-outcome.ts): only a 4xx is ClickUp "refusing" something; a 5xx, a timeout or
 * an unreadable answer is not, and must not read like one.
 */
export function describeClickupError(e: ClickupError): string {
  if (e instanceof ClickupPayloadError) return `ClickUp's answer could not be read: ${e.message}`;
  if (e instanceof ClickupRateLimitError) return `ClickUp's rate limit is used up for now: ${e.message}`;
  if (e instanceof ClickupUnavailableError) return `ClickUp could not be reached: ${e.message}`;
  if (e instanceof ClickupApiError && e.status !== null && e.status >= 400 && e.status < 500) return `ClickUp refused the request: ${e.message}`;
  return `ClickUp request failed: ${e.message}`;
}
