import { BadRequestException } from '@nestjs/common';
import { IsOptional } from 'class-validator';
import { CalendarDate, Flag, IntRange, OneOf, Text } from './field-rules';
import { createValidationPipe } from './validation-pipe';

class Query {
  @Text(10) q!: string;
  @IsOptional() @IntRange(1, 200) limit: number = 20;
  @IsOptional() @Flag() wait?: boolean;
  @IsOptional() @OneOf(['full', 'incremental']) kind?: string;
  @IsOptional() @CalendarDate() date?: string;
}

const pipe = createValidationPipe();
const run = (value: Record<string, unknown>) => pipe.transform(value, { type: 'query', metatype: Query, data: '' });
const messageOf = async (value: Record<string, unknown>): Promise<string> => {
  try {
    await run(value);
  } catch (e) {
    expect(e).toBeInstanceOf(BadRequestException);
    return ((e as BadRequestException).getResponse() as { message: string }).message;
  }
  throw new Error('expected a 400');
};

describe('the REST validation pipe', () => {
  it('converts query strings by explicit rule only ("false" stays false, "20" becomes 20) and applies defaults', async () => {
    expect(await run({ q: ' find me ', limit: '20', wait: 'false' })).toEqual(Object.assign(new Query(), { q: 'find me', limit: 20, wait: false }));
    expect(await run({ q: 'x', wait: '1' })).toMatchObject({ limit: 20, wait: true });
  });

  it.each([
    [{ q: 'x', limit: '0' }, 'limit must be an integer from 1 to 200.'],
    [{ q: 'x', limit: '2.5' }, 'limit must be an integer from 1 to 200.'],
    [{ q: 'x', wait: 'yes please' }, 'wait must be true or false.'],
    [{ q: 'x', kind: 'weekly' }, 'kind must be one of full, incremental.'],
    [{ q: 'x', date: '31/01/2026' }, 'date must be a date YYYY-MM-DD.'],
    [{}, 'q must be a non-empty text of at most 10 characters.'],
    [{ q: 'x', limt: '5' }, "'limt' is not a parameter of this endpoint."],
    [{ q: '', limit: 'many' }, 'q must be a non-empty text of at most 10 characters; limit must be an integer from 1 to 200.'],
  ])('%p → one sentence naming the field', async (value, message) => {
    expect(await messageOf(value)).toBe(message);
  });
});
