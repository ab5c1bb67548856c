import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { from, Observable, switchMap } from 'rxjs';
import { DataReadinessService } from './data-readiness.service';

/**
 * REST read endpoints say what the MCP tools say: until a first full sync has succeeded, every
 * JSON object they return carries `dataComplete: false` and `dataWarning` (how far the first
 * sync is), so a script never takes a half-filled database for the workspace.
 */
@Injectable()
export class DataReadinessInterceptor implements NestInterceptor {
  constructor(private readonly readiness: DataReadinessService) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        switchMap((body: unknown) =>
          from(
            this.readiness
              .state()
              .then((s) =>
                body && typeof body === 'object' && !Array.isArray(body)
                  ? { ...(body as object), dataComplete: s.complete, dataWarning: s.warning }
                  : body,
              ),
          ),
        ),
      );
  }
}
