import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { CreateDepartmentSchema, DepartmentSchema, pageSchema } from '@gongkai/contracts';
import { z } from 'zod';
import { ProblemSchema } from '../errors/problem';

/**
 * The OpenAPI components, generated from the zod schemas in contracts (the same ones the
 * gateway validates with), so the document cannot drift from what is enforced.
 * Request schemas are described as input (before defaults/coercion), replies as output.
 */
const API_SCHEMAS = {
  CreateDepartment: { schema: CreateDepartmentSchema, io: 'input' },
  Department: { schema: DepartmentSchema, io: 'output' },
  DepartmentPage: { schema: pageSchema(DepartmentSchema), io: 'output' },
  Problem: { schema: ProblemSchema, io: 'output' },
} satisfies Record<string, { schema: z.ZodType; io: 'input' | 'output' }>;

export type ApiSchemaName = keyof typeof API_SCHEMAS;

function toOpenApi(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
  }) as Record<string, unknown>;
  return jsonSchema as SchemaObject;
}

export function apiComponentSchemas(): Record<string, SchemaObject> {
  return Object.fromEntries(
    Object.entries(API_SCHEMAS).map(([name, { schema, io }]) => [name, toOpenApi(schema, io)]),
  );
}

export const schemaRef = (name: ApiSchemaName) => ({ $ref: `#/components/schemas/${name}` });

export const problemRef = { 'application/problem+json': { schema: schemaRef('Problem') } };

export const ApiJsonBody = (name: ApiSchemaName) => ApiBody({ required: true, schema: schemaRef(name) });

/** One query parameter per property of a (strict) zod query schema. */
export const ApiZodQuery = (schema: z.ZodType) => {
  const jsonSchema = toOpenApi(schema, 'input');
  const required = new Set(jsonSchema.required ?? []);
  return applyDecorators(
    ...Object.entries(jsonSchema.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: required.has(name), schema: property }),
    ),
  );
};

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (validation, malformed JSON); see `errors`',
  401: 'Missing or invalid credentials',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Body larger than BODY_LIMIT_BYTES',
  415: 'Body is not application/json',
  429: 'Rate limit exceeded; see Retry-After',
  503: 'The service behind this route is not running',
  504: 'The service behind this route did not answer in time',
};

/** Documents the problem+json responses a route can give. */
/** The problems a command (a body, a decision, a service call) can answer with. */
export const COMMAND_PROBLEMS = [400, 401, 403, 404, 409, 413, 415, 429, 503, 504];
/** The problems reading one thing by id can answer with. */
export const GET_PROBLEMS = [400, 401, 403, 404, 429, 503, 504];
/** The problems a protected list can answer with. */
export const LIST_PROBLEMS = [400, 401, 403, 429, 503, 504];

export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: PROBLEM_DESCRIPTIONS[status] ?? 'Error', content: problemRef }),
    ),
  );
