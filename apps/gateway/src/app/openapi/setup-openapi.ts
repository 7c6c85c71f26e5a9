import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { apiComponentSchemas } from './api-schemas';

export const API_KEY_SCHEME = 'ApiKey';
export const BEARER_SCHEME = 'bearer';

/** Routes that need no credentials; everything else takes an API key or a bearer token. */
const isPublicPath = (path: string) => !path.startsWith('/api/v1/') || path.startsWith('/api/v1/public/');

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('gongkai gateway')
    .setDescription(
      'HTTP API of gongkai (公开) for campus systems. Errors are application/problem+json (RFC 9457). ' +
        'Send `X-Correlation-Id` to trace a request; it is echoed on every response.',
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
  }
  return document;
}

/** Swagger UI at /api/docs, the document at /api/docs-json. Outside /api/v1 and public. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    useGlobalPrefix: false,
    jsonDocumentUrl: 'api/docs-json',
    raw: ['json'],
  });
}
