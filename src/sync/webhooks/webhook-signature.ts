import { createHmac, timingSafeEqual } from 'node:crypto';

/** ClickUp's X-Signature: hex HMAC-SHA256 of the exact raw body, keyed with the webhook secret. */
export function signWebhookBody(raw: Buffer, secret: string): string {
  return createHmac('sha256', secret).update(raw).digest('hex');
}

/** Constant-time check against every known secret (configured and registered). */
export function verifyWebhookSignature(raw: Buffer, signature: string | undefined, secrets: string[]): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature.trim())) return false;
  const given = Buffer.from(signature.trim().toLowerCase(), 'hex');
  let ok = false;
  for (const secret of secrets) {
    const expected = Buffer.from(signWebhookBody(raw, secret), 'hex');
    // Keep comparing after a match so timing does not reveal which secret matched.
    if (expected.length === given.length && timingSafeEqual(expected, given)) ok = true;
  }
  return ok;
}
