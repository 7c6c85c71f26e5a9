/** The gateway's OpenAPI document, read the way the suite generates its cases from it. */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  $ref?: string;
  [keyword: string]: unknown;
};

export type Access =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'action'; action: string; department: string; answersEveryone?: true }
  | { kind: 'action-from-query'; field: string; department: string };

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** `POST /api/v1/cases/{caseId}/dispatch` */
  id: string;
  method: string;
  path: string;
  access: Access | undefined;
  parameters: Parameter[];
  pathParams: Parameter[];
  queryParams: Parameter[];
  body: { required: boolean; schema: JsonSchema } | undefined;
  /** status → JSON schema of the success answers. */
  replies: Map<number, JsonSchema>;
}

interface RawOperation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
  'x-gongkai-access'?: Access;
}

export interface ApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Every `$ref` replaced by a copy of what it names (the document's schemas have no cycles). */
export function dereference<T>(value: T, document: ApiDocument, depth = 0): T {
  if (depth > 64) throw new Error('schema references nest deeper than 64: a cycle?');
  if (Array.isArray(value)) return value.map((entry) => dereference(entry, document, depth + 1)) as T;
  if (value === null || typeof value !== 'object') return value;
  const ref = (value as JsonSchema).$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`unresolved ${ref}`);
    return dereference(target as T, document, depth + 1);
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [key, dereference(entry, document, depth + 1)]),
  ) as T;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: ApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const parameters = dereference(raw.parameters ?? [], document);
      const bodySchema = raw.requestBody?.content?.['application/json']?.schema;
      const replies = new Map<number, JsonSchema>();
      for (const [status, response] of Object.entries(raw.responses)) {
        const schema = response.content?.['application/json']?.schema;
        if (/^2\d\d$/.test(status) && schema) replies.set(Number(status), dereference(schema, document));
      }
      operations.push({
        id: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        access: raw['x-gongkai-access'],
        parameters,
        pathParams: parameters.filter((parameter) => parameter.in === 'path'),
        queryParams: parameters.filter((parameter) => parameter.in === 'query'),
        body: bodySchema
          ? { required: raw.requestBody?.required ?? false, schema: dereference(bodySchema, document) }
          : undefined,
        replies,
      });
    }
  }
  return operations;
}

/** `/api/v1/cases/{caseId}/dispatch` with its path parameters filled in (each encoded). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
}

/** The object schema a body or query is, when it is one (a body may be `anyOf [object, null]`). */
export function objectSchemaOf(schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  if (schema.properties) return schema;
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    const found = objectSchemaOf(branch);
    if (found) return found;
  }
  return undefined;
}
