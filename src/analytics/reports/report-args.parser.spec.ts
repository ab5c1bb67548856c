import { z } from 'zod';
import { DomainError } from '../../common/errors/domain-error';
import { parseReportArgs } from './report-args.parser';

const schema = z.object({
  period: z.string().optional(),
  days: z.number().int().min(1).max(365).optional(),
  finished_only: z.boolean().default(false),
  limit: z.number().int().min(1).max(50).default(5),
  group_by: z.enum(['list', 'person']).default('list'),
});

describe('parseReportArgs (REST query strings and CLI flags)', () => {
  it('coerces by declared type and applies defaults', () => {
    expect(parseReportArgs(schema, { period: 'rolling', days: '14', finished_only: 'true' })).toEqual({
      period: 'rolling',
      days: 14,
      finished_only: true,
      limit: 5,
      group_by: 'list',
    });
    expect(parseReportArgs(schema, { limit: ['3', '7'] }).limit).toBe(7);
  });

  it.each<[Record<string, unknown>, RegExp]>([
    [{ perod: 'last_week' }, /^Unknown parameter 'perod' — did you mean 'period'\? Accepted: period, days, finished_only, limit, group_by\.$/],
    [{ days: 'fourteen' }, /^Invalid parameter 'days': .*number/],
    [{ days: '400' }, /^Invalid parameter 'days': .*365/],
    [{ finished_only: 'maybe' }, /^Invalid parameter 'finished_only'/],
    [{ group_by: 'team' }, /^Invalid parameter 'group_by': .*"list".*"person"/],
  ])('%p is refused', (raw, message) => {
    expect(() => parseReportArgs(schema, raw)).toThrow(DomainError);
    expect(() => parseReportArgs(schema, raw)).toThrow(message);
  });
});
