import { escapeLike, searchTerms } from './task-search-terms';

describe('escapeLike', () => {
  it.each([
    ['plain', 'plain'],
    ['100%', '100\\%'],
    ['snake_case', 'snake\\_case'],
    ['back\\slash', 'back\\\\slash'],
    ['%_%', '\\%\\_\\%'],
  ])('%p → %p', (input, out) => {
    expect(escapeLike(input)).toBe(out);
  });
});

describe('searchTerms', () => {
  it.each<[string, string, string[]]>([
    ['Login', '%login%', ['%login%']],
    ['  login   BUG ', '%login bug%', ['%login%', '%bug%']],
    ['bug bug', '%bug bug%', ['%bug%']],
    ['50%_off', '%50\\%\\_off%', ['%50\\%\\_off%']],
    ['nul\u0000byte', '%nulbyte%', ['%nulbyte%']],
  ])('%p', (q, phrase, words) => {
    const t = searchTerms(q);
    expect(t.phrase).toBe(phrase);
    expect(t.words).toEqual(words);
  });

  it('keeps at most eight words', () => {
    expect(searchTerms('a b c d e f g h i j').words).toHaveLength(8);
  });

  it('refuses an empty query', () => {
    expect(() => searchTerms('   ')).toThrow(/search query is empty/);
  });
});
