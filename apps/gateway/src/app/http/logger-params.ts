import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { GatewayConfig } from '@gongkai/config';
import type { Params } from 'nestjs-pino';
import type { Options } from 'pino-http';
import pino, { type DestinationStream } from 'pino';
import { correlationIdOf } from './correlation-id';

/**
 * Structured JSON logs (pino) with the correlation id on every line as `correlationId`: the
 * request log, and every log made while handling the request (nestjs-pino keeps the context).
 * Credentials are redacted.
 */
export function loggerParams(config: GatewayConfig, destination?: DestinationStream): Params {
  const options: Options = {
    level: config.logLevel,
    base: { service: 'gateway' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // middie copies Fastify's request id (the correlation id) onto the raw request.
    genReqId: (request: IncomingMessage) =>
      (request as IncomingMessage & { id?: string }).id ?? correlationIdOf(request),
    customProps: (request: IncomingMessage) => ({
      correlationId: (request as IncomingMessage & { id?: string }).id,
    }),
    // Method, path and caller only: headers may carry credentials and personal data.
    serializers: {
      req: (request: {
        method?: string;
        url?: string;
        remoteAddress?: string;
        headers?: Record<string, unknown>;
      }) => ({
        method: request.method,
        url: request.url,
        remoteAddress: request.remoteAddress,
        userAgent: request.headers?.['user-agent'],
      }),
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
    },
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
      censor: '[redacted]',
    },
    customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    // The status says enough; pino-http's synthetic "failed with status code" stack says nothing.
    // Real server faults are logged with their stack by the ProblemDetailsFilter.
    customErrorObject: (_request, _response, _error, value: Record<string, unknown>) => {
      const { err: _syntheticError, ...rest } = value;
      return rest;
    },
  };
  return {
    pinoHttp: destination ? [options, destination] : options,
    // Probes and scrapes stay out of the logs.
    exclude: ['healthz', 'readyz', 'metrics'].map((path) => ({ path, method: RequestMethod.GET })),
  };
}
