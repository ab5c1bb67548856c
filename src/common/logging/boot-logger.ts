import { LoggerService } from '@nestjs/common';

type Level = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';

/**
 * Holds what Nest and our providers log while the app is being built. On success the lines are
 * replayed into pino (so e.g. the demo-mode warning is not lost); on failure they are dropped and
 * the entry point prints one actionable message instead of bootstrap noise and a stack trace.
 */
export class BootLogger implements LoggerService {
  private lines: { level: Level; message: unknown; rest: unknown[] }[] = [];

  log(message: unknown, ...rest: unknown[]): void {
    this.lines.push({ level: 'log', message, rest });
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.lines.push({ level: 'error', message, rest });
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.lines.push({ level: 'warn', message, rest });
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.lines.push({ level: 'debug', message, rest });
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.lines.push({ level: 'verbose', message, rest });
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.lines.push({ level: 'fatal', message, rest });
  }

  replayInto(target: LoggerService): void {
    for (const l of this.lines) (target[l.level] ?? target.log).call(target, l.message, ...l.rest);
    this.lines = [];
  }
}
