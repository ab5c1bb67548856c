import { LenientCallToolRequestSchema } from './tool-call-request';

const parse = (params: unknown) => LenientCallToolRequestSchema.parse({ method: 'tools/call', ...(params === undefined ? {} : { params }) });
const thrown = (params: unknown): { code?: number; message: string } => {
  try {
    parse(params);
  } catch (e) {
    return e as { code?: number; message: string };
  }
  throw new Error('expected a refusal');
};

describe('LenientCallToolRequestSchema', () => {
  it('reads arguments generously: a JSON string is parsed, null means none', () => {
    expect(parse({ name: 'get_task', arguments: '{"task":"MOB-1"}' }).params).toMatchObject({ name: 'get_task', arguments: { task: 'MOB-1' } });
    expect(parse({ name: 'get_sync_status', arguments: null }).params).toMatchObject({ name: 'get_sync_status', arguments: {} });
    expect(parse({ name: 'get_sync_status' }).params).toMatchObject({ name: 'get_sync_status' });
  });

  it.each<[unknown, string]>([
    [{ name: 'get_tasks', arguments: [1] }, 'arguments must be a JSON object of named arguments, e.g. {"task": "MOB-42"}; got a list'],
    [
      { name: 'get_tasks', arguments: 'nope' },
      'arguments must be a JSON object of named arguments, e.g. {"task": "MOB-42"}; got a string that is not JSON',
    ],
    [undefined, 'tools/call needs params (an object).'],
    [{ arguments: {} }, 'tools/call needs params.name (a string).'],
    [{ name: 42 }, 'tools/call: params.name must be a string.'],
  ])('%j is -32602 with one sentence', (params, message) => {
    expect(thrown(params)).toMatchObject({ code: -32602, message });
  });
});
