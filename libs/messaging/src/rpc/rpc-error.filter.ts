import { ArgumentsHost, Catch, Logger, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import type { ErrorBody } from '@gongkai/contracts';
import { throwError, type Observable } from 'rxjs';
import { isDatabaseUnavailable } from '../database-unavailable';
import { isErrorBody, toErrorBody } from './rpc-errors';

/** While the database is down every request fails: say so at most this often. */
const DATABASE_WARNING_INTERVAL_MS = 10_000;

/**
 * Global filter for services: whatever a handler throws, the caller gets an ErrorBody.
 * DomainError → its code; zod error → VALIDATION_FAILED with the issues; database unreachable →
 * UNAVAILABLE (one warning per 10 s, not one per request); anything else → INTERNAL, logged here
 * with its stack and never sent.
 *
 * Register with `app.useGlobalFilters(new RpcErrorFilter())` on the microservice.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');
  private lastDatabaseWarning = 0;
  private suppressedDatabaseWarnings = 0;

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    const body = this.toBody(exception, host);
    return throwError(() => body);
  }

  private toBody(exception: unknown, host: ArgumentsHost): ErrorBody {
    if (exception instanceof RpcException) {
      const error = exception.getError();
      if (isErrorBody(error)) return error;
    }
    const { body, internal } = toErrorBody(exception);
    if (isDatabaseUnavailable(exception)) this.warnDatabaseUnavailable(exception, host);
    if (internal) {
      const message = exception instanceof Error ? exception.message : String(exception);
      this.logger.error(
        `Unhandled error answering ${subjectOf(host) ?? 'a request'}: ${message}`,
        exception instanceof Error ? exception.stack : undefined,
      );
    }
    return body;
  }

  private warnDatabaseUnavailable(exception: unknown, host: ArgumentsHost): void {
    const now = Date.now();
    if (now - this.lastDatabaseWarning < DATABASE_WARNING_INTERVAL_MS) {
      this.suppressedDatabaseWarnings += 1;
      return;
    }
    const more =
      this.suppressedDatabaseWarnings > 0
        ? ` (and ${this.suppressedDatabaseWarnings} more since the last warning)`
        : '';
    this.lastDatabaseWarning = now;
    this.suppressedDatabaseWarnings = 0;
    const message = exception instanceof Error ? exception.message : String(exception);
    this.logger.warn(
      `Database unreachable answering ${subjectOf(host) ?? 'a request'}, replied UNAVAILABLE${more}: ${message.trim().split('\n').pop()}`,
    );
  }
}

function subjectOf(host: ArgumentsHost): string | undefined {
  const context: unknown = host.switchToRpc().getContext();
  if (
    context &&
    typeof context === 'object' &&
    'getSubject' in context &&
    typeof context.getSubject === 'function'
  ) {
    return String(context.getSubject());
  }
  return undefined;
}
