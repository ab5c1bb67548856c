import { DomainError } from '../../common/errors/domain-error';
import { stripNul } from '../../common/text/strip-nul';

/**
 * Keyword search terms for ILIKE: the whole query as a phrase plus each distinct word, every
 * one with LIKE's wildcards escaped, so "100%_done" finds that text and nothing else.
 */
export interface SearchTerms {
  /** `%the whole query%`, escaped. */
  phrase: string;
  /** `%word%` for each distinct word (at most MAX_WORDS), escaped. */
  words: string[];
}

const MAX_WORDS = 8;

/** Escapes LIKE's metacharacters for the default escape character (backslash). */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function searchTerms(query: string): SearchTerms {
  // NUL cannot be stored in PostgreSQL text: it can never match, so it is dropped, not sent.
  const q = stripNul(query).trim().replace(/\s+/g, ' ').toLowerCase();
  if (!q) throw new DomainError('The search query is empty: pass one or more words to look for in task names and descriptions.');
  const plainWords = [...new Set(q.split(' '))].slice(0, MAX_WORDS);
  return { phrase: `%${escapeLike(q)}%`, words: plainWords.map((w) => `%${escapeLike(w)}%`) };
}

/** Where a hit matched: every word in the name, every word in the description, or spread over both. */
export type MatchedIn = 'name' | 'description' | 'name_and_description';
