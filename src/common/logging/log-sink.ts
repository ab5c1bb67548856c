import * as fs from 'node:fs';
import { humanLogLine } from './human-log-line';
import { secretScrubber } from './secret-scrubber';

export interface LogSinkOptions {
  /** 1 (stdout) for the HTTP server; 2 (stderr) where stdout is the MCP protocol channel. */
  fd: number;
  format: 'human' | 'json';
}

/**
 * Where every pino line goes: scrubbed of secrets, formatted (human or JSON), written with one
 * synchronous write per line. A log line is never worth blocking or killing the process for:
 * a full pipe drops the line, a closed one (the client died: EPIPE) stops logging for good.
 * pino's own destination retries a failed synchronous flush forever on EPIPE when the process
 * exits, which once left stdio servers spinning long after their client had gone.
 */
export class LogSink {
  private opts: LogSinkOptions = { fd: 1, format: 'json' };
  private ready = false;
  private broken = false;
  /** Lines that could not be written (full or closed pipe). */
  dropped = 0;

  configure(opts: LogSinkOptions): void {
    this.opts = opts;
    this.ready = false;
  }

  get format(): 'human' | 'json' {
    return this.opts.format;
  }

  /** After the start-up summary: info lines are shown from now on (human format). */
  markReady(): void {
    this.ready = true;
  }

  write(line: string): void {
    if (this.broken) return;
    const clean = secretScrubber.scrub(line);
    const out = this.opts.format === 'human' ? humanLogLine(clean, { quietInfo: !this.ready }) : clean;
    if (out) this.writeRaw(out);
  }

  /** Text that is not a log record (the start-up summary), through the same safe path. */
  writeText(text: string, fd: number = this.opts.fd): void {
    if (!this.broken) this.writeRaw(secretScrubber.scrub(text), fd);
  }

  private writeRaw(text: string, fd: number = this.opts.fd): void {
    let buf = Buffer.from(text, 'utf8');
    while (buf.length) {
      try {
        const n = fs.writeSync(fd, buf);
        buf = buf.subarray(n);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EAGAIN') this.broken = true;
        this.dropped++;
        return;
      }
    }
  }
}

/** One per process, like pino's root logger (nestjs-pino keeps one for the process as well). */
export const logSink = new LogSink();
