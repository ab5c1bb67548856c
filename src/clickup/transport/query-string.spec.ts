import { encodeQuery, fillPath } from './query-string';

describe('encodeQuery', () => {
  it('sends arrays in bracket form, one pair per value', () => {
    expect(encodeQuery({ 'statuses[]': ['to do', 'in progress'], 'assignees[]': [1, 2] })).toBe(
      'statuses[]=to%20do&statuses[]=in%20progress&assignees[]=1&assignees[]=2',
    );
  });

  it('omits undefined, null and empty arrays but keeps false and 0', () => {
    expect(encodeQuery({ a: undefined, b: null, 'c[]': [], archived: false, page: 0 })).toBe('archived=false&page=0');
  });

  it('encodes reserved characters in values and keys', () => {
    expect(encodeQuery({ 'tags[]': ['a&b=c', 'ü'], 'odd key': '#' })).toBe('tags[]=a%26b%3Dc&tags[]=%C3%BC&odd%20key=%23');
  });

  it('writes ms timestamps as plain integers', () => {
    expect(encodeQuery({ date_updated_gt: 1_700_000_000_000 })).toBe('date_updated_gt=1700000000000');
  });

  it('refuses an array for a scalar param and non-finite numbers', () => {
    expect(() => encodeQuery({ statuses: ['a'] })).toThrow('array params end in []');
    expect(() => encodeQuery({ page: Number.NaN })).toThrow('finite');
  });
});

describe('fillPath', () => {
  it('fills placeholders with encoded values', () => {
    expect(fillPath('/team/{team_id}/time_entries/{timer_id}', { team_id: 901, timer_id: 'a/b' })).toBe('/team/901/time_entries/a%2Fb');
  });

  it('refuses a missing or empty value instead of calling a wrong URL', () => {
    expect(() => fillPath('/task/{task_id}', {})).toThrow('missing path parameter "task_id" for /task/{task_id}');
    expect(() => fillPath('/task/{task_id}', { task_id: '' })).toThrow('missing path parameter');
  });
});
