import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_MAX_LENGTH,
  IDEMPOTENCY_KEY_MIN_LENGTH,
  IDEMPOTENCY_KEY_PATTERN,
} from '../http/idempotency-key';
import { apiComponentSchemas, problemRef } from './api-schemas';

type OperationObject = NonNullable<OpenAPIObject['paths'][string]['post']>;
type ParameterObject = Exclude<NonNullable<OperationObject['parameters']>[number], { $ref: string }>;

export const API_KEY_SCHEME = 'ApiKey';
export const BEARER_SCHEME = 'bearer';

/** Routes that need no credentials; everything else takes an API key or a bearer token. */
const isPublicPath = (path: string) => !path.startsWith('/api/v1/') || path.startsWith('/api/v1/public/');

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('gongkai gateway')
    .setDescription(
      'HTTP API of gongkai (公开) for campus systems. Errors are application/problem+json (RFC 9457). ' +
        'Send `X-Correlation-Id` to trace a request; it is echoed on every response. ' +
        'Send `Idempotency-Key` with a POST to make its retries safe.',
    )
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, API_KEY_SCHEME)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...apiComponentSchemas() },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      // Either scheme is enough: two alternatives, not one requirement with both.
      operation.security = isPublicPath(path) ? [] : [{ [API_KEY_SCHEME]: [] }, { [BEARER_SCHEME]: [] }];
    }
    if (item.post && !isPublicPath(path)) documentIdempotencyKey(item.post);
  }
  return document;
}

/** Every (authenticated) POST takes `Idempotency-Key` and can answer 422 and 409 because of it. */
function documentIdempotencyKey(operation: OperationObject): void {
  const parameter: ParameterObject = {
    name: IDEMPOTENCY_KEY_HEADER,
    in: 'header',
    required: false,
    description:
      'Makes a retry safe (draft-ietf-httpapi-idempotency-key-header). Send a new random value (a UUID) with each ' +
      'new request; send the same value again only to retry that request, e.g. after a timeout (504) or a lost ' +
      'connection. The same key with the same body answers the first result (same status and body) without ' +
      'applying the request again; the same key with another body or path answers 422; while the first request is ' +
      'still running, a retry waits briefly, then answers 409. A request refused without any change (400, 403, ' +
      '404, 409 …) keeps no key, so it can be corrected and sent again with the same key. Keys are scoped to the ' +
      'caller and the route and kept 24 hours (IDEMPOTENCY_RETENTION_MS). A quoted value (Structured Field ' +
      'string) is accepted too.',
    schema: {
      type: 'string',
      minLength: IDEMPOTENCY_KEY_MIN_LENGTH,
      maxLength: IDEMPOTENCY_KEY_MAX_LENGTH,
      pattern: IDEMPOTENCY_KEY_PATTERN,
      example: '8e03978e-40d5-43e8-bc93-6894a57f9324',
    },
  };
  operation.parameters = [...(operation.parameters ?? []), parameter];
  operation.responses['422'] = {
    description: 'The `Idempotency-Key` was already used with a different request: use a new key',
    content: problemRef,
  };
  const conflict = operation.responses['409'] as { description?: string } | undefined;
  operation.responses['409'] = {
    content: problemRef,
    ...conflict,
    description: `${conflict?.description ?? 'Conflict'}; or the first request with this \`Idempotency-Key\` has not answered yet`,
  };
}

/** Swagger UI at /api/docs, the document at /api/docs-json. Outside /api/v1 and public. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    useGlobalPrefix: false,
    jsonDocumentUrl: 'api/docs-json',
    raw: ['json'],
  });
}
