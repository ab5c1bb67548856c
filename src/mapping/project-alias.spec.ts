import { DomainError } from '../common/errors/domain-error';
import { normaliseAlias } from './project-alias';

describe('normaliseAlias', () => {
  it.each([
    ['Mobile', 'Mobile', 'mobile'],
    ['  Mobile App  ', 'Mobile App', 'mobile app'],
    ['Mobile \t  App', 'Mobile App', 'mobile app'],
    ['ÄPFEL', 'ÄPFEL', 'äpfel'],
  ])('%p → %p (key %p)', (raw, alias, key) => {
    expect(normaliseAlias(raw)).toEqual({ alias, key });
  });

  it.each([
    ['   ', /empty/],
    ['x'.repeat(101), /101 characters long; at most 100/],
    ['a\u0007b', /control characters/],
  ])('refuses %p', (raw, message) => {
    expect(() => normaliseAlias(raw)).toThrow(DomainError);
    expect(() => normaliseAlias(raw)).toThrow(message);
  });
});
