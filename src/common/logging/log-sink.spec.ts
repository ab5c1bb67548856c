import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LogSink } from './log-sink';
import { secretScrubber } from './secret-scrubber';

describe('LogSink', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logsink-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const record = (msg: string) => `${JSON.stringify({ level: 30, time: 0, context: 'Test', msg })}\n`;

  it('json: writes the line as pino made it, with registered secrets scrubbed', () => {
    secretScrubber.register('pk_sink_secret_123');
    const file = path.join(dir, 'out.log');
    const fd = fs.openSync(file, 'w');
    const sink = new LogSink();
    sink.configure({ fd, format: 'json' });
    sink.write(record('token pk_sink_secret_123 leaked'));
    fs.closeSync(fd);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ msg: 'token [REDACTED] leaked' });
  });

  it('human: info lines appear only after markReady', () => {
    const file = path.join(dir, 'out.log');
    const fd = fs.openSync(file, 'w');
    const sink = new LogSink();
    sink.configure({ fd, format: 'human' });
    sink.write(record('before ready'));
    sink.markReady();
    sink.write(record('after ready'));
    fs.closeSync(fd);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('before ready');
    expect(text).toMatch(/^\d\d:\d\d:\d\d Test: after ready\n$/);
  });

  it('a descriptor that cannot be written (closed pipe, closed file) stops logging instead of throwing or blocking', () => {
    const fd = fs.openSync(path.join(dir, 'gone.log'), 'w');
    fs.closeSync(fd);
    const sink = new LogSink();
    sink.configure({ fd, format: 'json' });
    expect(() => sink.write(record('one'))).not.toThrow();
    expect(() => sink.write(record('two'))).not.toThrow();
    expect(sink.dropped).toBe(1);
  });
});
