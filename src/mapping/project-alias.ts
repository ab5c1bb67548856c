import { DomainError } from '../common/errors/domain-error';

export const MAX_ALIAS_LENGTH = 100;

/**
 * An alias as stored: trimmed, inner whitespace runs made one space (the way every name is
 * matched), and its key: the same, lower-cased — what uniqueness and lookups use, so "Mobile",
 * " mobile " and "MOBILE" are one alias. Pure.
 */
export function normaliseAlias(raw: string): { alias: string; key: string } {
  const alias = raw.trim().replace(/\s+/g, ' ');
  if (!alias) throw new DomainError('The alias is empty: give the project a name, e.g. "Mobile App".');
  if (alias.length > MAX_ALIAS_LENGTH)
    throw new DomainError(`The alias is ${alias.length} characters long; at most ${MAX_ALIAS_LENGTH} are allowed.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(alias)) throw new DomainError('The alias contains control characters: use plain text.');
  return { alias, key: alias.toLowerCase() };
}
