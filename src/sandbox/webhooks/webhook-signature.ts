import { createHmac } from 'node:crypto';

/** ClickUp's X-Signature: hex HMAC-SHA256 of the exact raw body bytes, keyed with the webhook secret. */
export function signWebhookBody(secret: string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}
