import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ToolError } from '../../mcp/core/tool-errors';

/**
 * The REST mirrors call the same services as the tools: a ToolError (bad argument, unknown
 * name with candidates) becomes a 400 with its one actionable sentence, not a 500.
 */
@Catch(ToolError)
export class ToolErrorFilter implements ExceptionFilter {
  catch(e: ToolError, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(400).json({ statusCode: 400, error: 'Bad Request', message: e.message });
  }
}
