import { describeClickupError } from './clickup-error-text';
import { ClickupApiErrorDetails, ClickupBadRequestError, ClickupPayloadError, ClickupUnavailableError } from './clickup.errors';

const d = (status: number | null): ClickupApiErrorDetails => ({ endpoint: 'GET /team', status, ecode: null, clickupMessage: null, attempts: 1 });

describe('describeClickupError: only a 4xx reads as ClickUp refusing', () => {
  it.each([
    [new ClickupBadRequestError(d(400)), /^ClickUp refused the request: ClickUp API 400 on GET \/team$/],
    [new ClickupUnavailableError(d(503), 'server_error'), /^ClickUp could not be reached: /],
    [new ClickupPayloadError('GET /team', ['teams: expected array']), /^ClickUp's answer could not be read: /],
  ])('%s', (error, expected) => {
    expect(describeClickupError(error)).toMatch(expected);
  });
});
