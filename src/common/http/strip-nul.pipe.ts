import { Injectable, PipeTransform } from '@nestjs/common';
import { stripNulDeep } from '../text/strip-nul';

/**
 * Global pipe: every REST query value, path parameter and body reaches its controller without
 * NUL characters (`GET /sync/runs?kind=%00` used to end in PostgreSQL's "invalid byte sequence"
 * and a 500). MCP tool arguments get the same treatment in tool-arguments.ts.
 */
@Injectable()
export class StripNulPipe implements PipeTransform {
  transform(value: unknown): unknown {
    return stripNulDeep(value);
  }
}
