import { parseCommand, UsageError } from './projects-cli';

describe('projects CLI arguments', () => {
  it.each([
    [['import', 'map.json'], { command: 'import', file: 'map.json' }],
    [['export'], { command: 'export', file: undefined }],
    [['export', 'out.json'], { command: 'export', file: 'out.json' }],
    [['list'], { command: 'list' }],
  ])('%p', (argv, cmd) => {
    expect(parseCommand(argv)).toEqual(cmd);
  });

  it.each([
    [[], /^usage: npm run projects/],
    [['import'], /^import needs a file/],
    [['import', 'a.json', 'b.json'], /^unexpected argument 'b.json'/],
    [['list', 'x'], /^unexpected argument 'x'/],
    [['sync'], /^unknown command 'sync'/],
  ])('refuses %p', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});
