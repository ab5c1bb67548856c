import { DEFAULT_STATUS_OVERRIDES, statusCategory } from './status-category';

describe('statusCategory', () => {
  it.each([
    ['backlog', 'custom', 'not_started'],
    ['In Progress', 'open', 'active'],
    ['  shipped ', 'custom', 'done'],
    ['Cancelled', 'custom', 'closed'],
    ['QC CHECK', 'custom', 'done'],
    ['to-do', 'custom', 'not_started'],
    ['ready for production', 'open', 'active'],
    ['something new', 'open', 'not_started'],
    ['something new', 'custom', 'active'],
    ['something new', 'done', 'done'],
    ['something new', 'closed', 'closed'],
    ['', 'closed', 'closed'],
    [null, 'done', 'done'],
    ['unknown', 'weird-type', 'active'],
  ])('%p of type %p is %p', (name, type, expected) => {
    expect(statusCategory(name, type)).toBe(expected);
  });

  it('uses a custom override table when given', () => {
    expect(statusCategory('Parked', 'custom', { ...DEFAULT_STATUS_OVERRIDES, PARKED: 'not_started' })).toBe('not_started');
  });
});
