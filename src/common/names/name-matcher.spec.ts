import { matchOne, suggestName } from './name-matcher';
import { DomainError } from '../errors/domain-error';

const spaces = [
  { id: '1', name: 'Mobile' },
  { id: '2', name: 'Mobile Web' },
  { id: '3', name: 'Platform' },
  { id: '4', name: 'Operations', aliases: ['OPS'] },
];

describe('matchOne', () => {
  it.each([
    ['3', '3'],
    ['mobile', '1'],
    ['  MOBILE  ', '1'],
    ['plat', '3'],
    ['ops', '4'],
    ['eration', '4'],
    ['mobile web', '2'],
  ])('%p resolves to %p', (q, id) => {
    expect(matchOne('space', q, spaces).id).toBe(id);
  });

  it('an ambiguous prefix lists the candidates', () => {
    expect(() => matchOne('space', 'mob', spaces)).toThrow(DomainError);
    expect(() => matchOne('space', 'mob', spaces)).toThrow(
      "'mob' matches 2 spaces: Mobile (1), Mobile Web (2). Pass the id or a more specific name.",
    );
  });

  it('no match suggests the closest names first', () => {
    expect(() => matchOne('space', 'platfrom', spaces)).toThrow(/^No space matches 'platfrom'\. Did you mean: Platform \(3\)/);
  });

  it('an empty list says so', () => {
    expect(() => matchOne('list', 'x', [])).toThrow("No list matches 'x'. There are no lists to choose from.");
  });
});

describe('suggestName', () => {
  const args = ['space', 'folder', 'list', 'statuses', 'category', 'assignee', 'due_from', 'due_to', 'include_closed', 'limit', 'offset'];
  it.each([
    ['assignee_name', 'assignee'],
    ['assignees', 'assignee'],
    ['status', 'statuses'],
    ['includeClosed', 'include_closed'],
    ['due-from', 'due_from'],
    ['lmit', 'limit'],
    ['folder_id', 'folder'],
    ['zzz', null],
    ['', null],
  ])('%p → %p', (q, name) => expect(suggestName(q, args)).toBe(name));
});
