import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiParam, ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/** OpenAPI for the catalogue routes, generated from the contracts' zod schemas they validate with. */
export function openApiOf(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return jsonSchema as SchemaObject;
}

export const ApiCatalogueBody = (schema: z.ZodType, description?: string) =>
  ApiBody({ required: true, description, schema: openApiOf(schema, 'input') });

export const ApiCatalogueReply = (status: number, description: string, schema: z.ZodType) =>
  ApiResponse({ status, description, schema: openApiOf(schema, 'output') });

const uuid = { type: 'string', format: 'uuid' } as const;

export const ApiItemParam = () =>
  ApiParam({ name: 'itemId', description: 'The catalogue item id (GET /catalogue/items)', schema: uuid });

export const ApiPublicationParams = () =>
  applyDecorators(
    ApiItemParam(),
    ApiParam({ name: 'publicationId', description: 'The publication id (…/publications)', schema: uuid }),
  );

export const READ_PROBLEMS = [400, 401, 404, 429, 503, 504];
export { COMMAND_PROBLEMS } from '../openapi/api-schemas';

/**
 * Item work is decided per department, and only the catalogue knows an item's department (its
 * lead department today): the gateway authenticates and forwards, and the catalogue service asks
 * permissions.decisions.check before acting (apps/catalogue access/item-access.ts).
 */
export const ITEM_DEPARTMENT = { departmentFrom: 'service' } as const;
