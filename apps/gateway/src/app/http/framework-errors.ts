import { ErrorCode } from '@gongkai/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors/gateway.error';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { toProblem } from '../errors/rpc-error.mapper';

/**
 * Fastify's `frameworkErrors`: a URL it cannot even route (a bad percent-encoding such as `%ff`)
 * is refused before Nest sees it, so without this it answered plain JSON instead of problem+json.
 */
export const frameworkErrorsAsProblems =
  (bodyLimitBytes: number) =>
  (_error: Error, request: FastifyRequest, reply: FastifyReply): void => {
    const { status, problem } = toProblem(
      new GatewayError(
        ErrorCode.VALIDATION_FAILED,
        'The URL is not valid (a path segment is not a percent-encoded UTF-8 string). Encode each path parameter with encodeURIComponent.',
        {
          errors: [
            {
              in: 'path',
              pointer: '',
              code: 'invalid_format',
              message: 'Not a percent-encoded UTF-8 string',
            },
          ],
        },
      ),
      {
        instance: (request.url.split('?')[0] ?? '').slice(0, 200),
        correlationId: String(request.id),
        bodyLimitBytes,
      },
    );
    void reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  };
