import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** body-parser's errors: http-errors with a 4xx status and a `type` such as 'entity.too.large'. */
interface BodyParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  limit?: number;
}

const MCP_PATHS = /^\/(mcp|messages)(\/|$)/;

/**
 * Request body parsing, in one place: JSON and URL-encoded as Nest would install them, plus
 * text/plain (ClickUp may deliver webhooks as text/plain; the receiver verifies the raw bytes and
 * parses the JSON itself). A body the parsers refuse (too large, not JSON, unknown charset) is
 * the client's mistake: it gets its 4xx with one sentence (a JSON-RPC error on the MCP
 * endpoints) and a warning in the log — not an error-level entry with a stack trace.
 */
export function installBodyParsers(app: NestExpressApplication): void {
  const logger = new Logger('Http');
  app.useBodyParser('json');
  app.useBodyParser('urlencoded', { extended: true });
  app.useBodyParser('text');
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    const e = (err ?? {}) as BodyParserError;
    const status = e.status ?? e.statusCode;
    if (typeof e.type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500 || res.headersSent) return next(err);
    const message = bodyProblem(e);
    logger.warn(`${req.method} ${req.path}: ${status} — ${message}`);
    if (MCP_PATHS.test(req.path)) {
      const code = e.type === 'entity.parse.failed' ? -32700 : -32600;
      res.status(status).json({ jsonrpc: '2.0', error: { code, message }, id: null });
      return;
    }
    res.status(status).json({ statusCode: status, message });
  });
}

function bodyProblem(e: BodyParserError): string {
  switch (e.type) {
    case 'entity.too.large':
      return `Request body too large: the limit is ${e.limit ?? 102_400} bytes.`;
    case 'entity.parse.failed':
      return 'Request body is not valid JSON.';
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return 'Request body uses an unsupported charset or encoding: send UTF-8.';
    case 'request.aborted':
      return 'The client aborted the request before its body arrived.';
    default:
      return 'The request body could not be read.';
  }
}
