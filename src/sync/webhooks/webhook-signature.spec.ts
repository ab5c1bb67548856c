import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const body = Buffer.from('{"event":"taskUpdated","task_id":"abc","webhook_id":"w1"}');

  it('accepts the exact body signed with any known secret', () => {
    expect(verifyWebhookSignature(body, signWebhookBody(body, 's2'), ['s1', 's2'])).toBe(true);
    expect(verifyWebhookSignature(body, signWebhookBody(body, 's1').toUpperCase(), ['s1'])).toBe(true);
  });

  it.each([
    ['a missing header', undefined],
    ['garbage', 'not-hex'],
    ['a wrong secret', signWebhookBody(body, 'other')],
    ['a re-serialised body', signWebhookBody(Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1)), 's1')],
    ['a truncated signature', signWebhookBody(body, 's1').slice(0, 40)],
  ])('rejects %s', (_label, sig) => {
    expect(verifyWebhookSignature(body, sig, ['s1'])).toBe(false);
  });

  it('rejects everything when no secret is known', () => {
    expect(verifyWebhookSignature(body, signWebhookBody(body, 's1'), [])).toBe(false);
  });
});
