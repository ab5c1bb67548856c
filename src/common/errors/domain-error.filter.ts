import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, DomainErrorKind } from './domain-error';
import { WriteOutcome, WriteOutcomeError } from './write-outcome-error';

const STATUS: Record<DomainErrorKind, [number, string]> = {
  invalid: [400, 'Bad Request'],
  ambiguous: [400, 'Bad Request'],
  not_found: [404, 'Not Found'],
  conflict: [409, 'Conflict'],
  not_ready: [503, 'Service Unavailable'],
};

/** A write ClickUp refused is the caller's to fix (422); the others are upstream problems (502). */
const WRITE_STATUS: Record<WriteOutcome, [number, string]> = {
  refused: [422, 'Unprocessable Entity'],
  failed: [502, 'Bad Gateway'],
  accepted_unreadable: [502, 'Bad Gateway'],
};

/**
 * The REST adapter's one mapping of domain errors: the same services answer the MCP tools, and
 * a DomainError (bad argument, unknown name with candidates, data not synced yet) becomes the
 * HTTP status of its kind with its one actionable sentence, never a 500. A write to ClickUp that
 * did not simply succeed (WriteOutcomeError) also says whether it was applied and the id if known.
 */
@Catch(DomainError, WriteOutcomeError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(e: DomainError | WriteOutcomeError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (e instanceof WriteOutcomeError) {
      const [statusCode, error] = WRITE_STATUS[e.outcome];
      res.status(statusCode).json({ statusCode, error, message: e.message, outcome: e.outcome, applied: e.applied, id: e.objectId });
      return;
    }
    const [statusCode, error] = STATUS[e.kind];
    res.status(statusCode).json({ statusCode, error, message: e.message });
  }
}
