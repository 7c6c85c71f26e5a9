import { ArgumentsHost, Catch, Logger, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import type { ErrorBody } from '@gongkai/contracts';
import { throwError, type Observable } from 'rxjs';
import { isErrorBody, toErrorBody } from './rpc-errors';

/**
 * Global filter for services: whatever a handler throws, the caller gets an ErrorBody.
 * DomainError → its code; zod error → VALIDATION_FAILED with the issues; anything else →
 * INTERNAL, logged here with its stack and never sent.
 *
 * Register with `app.useGlobalFilters(new RpcErrorFilter())` on the microservice.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

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
    if (internal) {
      const message = exception instanceof Error ? exception.message : String(exception);
      this.logger.error(
        `Unhandled error answering ${subjectOf(host) ?? 'a request'}: ${message}`,
        exception instanceof Error ? exception.stack : undefined,
      );
    }
    return body;
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
