import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiParam, ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * OpenAPI for the permissions routes, generated from the contracts' zod schemas (the ones the
 * gateway validates with and the service parses with), inline like the ops routes' replies.
 */
export function openApiOf(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return jsonSchema as SchemaObject;
}

/** The JSON body a route takes. */
export const ApiZodBody = (schema: z.ZodType, description?: string) =>
  ApiBody({ required: true, description, schema: openApiOf(schema, 'input') });

/** The JSON a route answers with on success. */
export const ApiZodReply = (status: number, description: string, schema: z.ZodType) =>
  ApiResponse({ status, description, schema: openApiOf(schema, 'output') });

/** `{id}` in the path: a UUID. */
export const ApiIdParam = (description: string) =>
  applyDecorators(ApiParam({ name: 'id', description, schema: { type: 'string', format: 'uuid' } }));
