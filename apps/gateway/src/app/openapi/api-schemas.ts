import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery, ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { CreateDepartmentSchema, DepartmentSchema, PermissionsRpc } from '@gongkai/contracts';
import { z } from 'zod';
import { ProblemSchema } from '../errors/problem';

/**
 * The one zod → OpenAPI converter. Every schema in the document comes from the zod schemas in
 * contracts (the ones the gateway validates with and the services parse with), so the document
 * cannot drift from what is enforced. Request schemas are described as input (before defaults and
 * coercion), replies as output.
 */
export type SchemaIo = 'input' | 'output';

export function toOpenApi(schema: z.ZodType, io: SchemaIo): SchemaObject {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return jsonSchema as SchemaObject;
}

/** Schemas shown once under `components.schemas` and referenced by name wherever they are used. */
const API_COMPONENTS: { name: string; schema: z.ZodType; io: SchemaIo }[] = [
  { name: 'CreateDepartment', schema: CreateDepartmentSchema, io: 'input' },
  { name: 'Department', schema: DepartmentSchema, io: 'output' },
  { name: 'DepartmentPage', schema: PermissionsRpc.listDepartments.reply, io: 'output' },
  { name: 'Problem', schema: ProblemSchema, io: 'output' },
];

export function apiComponentSchemas(): Record<string, SchemaObject> {
  return Object.fromEntries(API_COMPONENTS.map(({ name, schema, io }) => [name, toOpenApi(schema, io)]));
}

const componentRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A reference to the schema's component when it has one, else the schema inline. */
export function schemaOrRef(schema: z.ZodType, io: SchemaIo): SchemaObject | { $ref: string } {
  const component = API_COMPONENTS.find((entry) => entry.schema === schema && entry.io === io);
  return component ? componentRef(component.name) : toOpenApi(schema, io);
}

export const problemRef = { 'application/problem+json': { schema: componentRef('Problem') } };

/** The JSON body a route takes (optional when its schema accepts none). */
export const ApiZodBody = (schema: z.ZodType, description?: string) =>
  ApiBody({
    required: !schema.safeParse(undefined).success,
    description,
    schema: schemaOrRef(schema, 'input'),
  });

/** The JSON a route answers with on success. */
export const ApiZodReply = (status: number, description: string, schema: z.ZodType) =>
  ApiResponse({ status, description, schema: schemaOrRef(schema, 'output') });

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

/** Path parameters, each a zod schema (a UUID unless said otherwise) with its description. */
export const ApiPathParams = (params: Record<string, string | { description: string; schema: z.ZodType }>) =>
  applyDecorators(
    ...Object.entries(params).map(([name, param]) => {
      const { description, schema } =
        typeof param === 'string' ? { description: param, schema: z.uuid() } : param;
      return ApiParam({ name, description, schema: toOpenApi(schema, 'input') });
    }),
  );

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

/** The problems a command (a body, a decision, a service call) can answer with. */
export const COMMAND_PROBLEMS = [400, 401, 403, 404, 409, 413, 415, 429, 503, 504];
/** The problems reading one thing by id can answer with. */
export const GET_PROBLEMS = [400, 401, 403, 404, 429, 503, 504];
/** The problems a protected list can answer with. */
export const LIST_PROBLEMS = [400, 401, 403, 429, 503, 504];
/** The problems a read open to every authenticated caller (no decision) can answer with. */
export const READ_PROBLEMS = [400, 401, 404, 429, 503, 504];

/** Documents the problem+json responses a route can give. */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: PROBLEM_DESCRIPTIONS[status] ?? 'Error', content: problemRef }),
    ),
  );
