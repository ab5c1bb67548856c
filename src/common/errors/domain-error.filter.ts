import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, DomainErrorKind } from './domain-error';

const STATUS: Record<DomainErrorKind, [number, string]> = {
  invalid: [400, 'Bad Request'],
  ambiguous: [400, 'Bad Request'],
  not_found: [404, 'Not Found'],
  conflict: [409, 'Conflict'],
  not_ready: [503, 'Service Unavailable'],
};

/**
 * The REST adapter's one mapping of domain errors: the same services answer the MCP tools, and
 * a DomainError (bad argument, unknown name with candidates, data not synced yet) becomes the
 * HTTP status of its kind with its one actionable sentence, never a 500.
 */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(e: DomainError, host: ArgumentsHost): void {
    const [statusCode, error] = STATUS[e.kind];
    host.switchToHttp().getResponse<Response>().status(statusCode).json({ statusCode, error, message: e.message });
  }
}
