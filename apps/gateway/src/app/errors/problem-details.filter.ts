import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { toProblem } from './rpc-error.mapper';

/** Sends every error as `application/problem+json` (RFC 9457); the mapper decides the status. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly options: { bodyLimitBytes: number }) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { status, problem, isServerFault } = toProblem(exception, {
      instance: request.url.split('?')[0] ?? request.url,
      correlationId: String(request.id),
      bodyLimitBytes: this.options.bodyLimitBytes,
    });
    if (isServerFault) {
      this.logger.error(
        `Unhandled error on ${request.method} ${problem.instance}: ${exception instanceof Error ? exception.message : String(exception)}`,
        exception instanceof Error ? exception.stack : undefined,
      );
    }
    if (reply.sent) return;
    void reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
