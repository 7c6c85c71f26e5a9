import { randomUUID } from 'node:crypto';
import type { CampusFixture, DepartmentObjects } from './campus';
import { fillPath, objectSchemaOf, type JsonSchema, type Operation } from './openapi';
import { minimalValue, type Hints } from './schema-values';

/** Case steps only an application (依申请公开) takes; the other case routes get the complaint. */
const APPLICATION_STEPS = new Set([
  'register',
  'request-correction',
  'correction-received',
  'third-party',
  'decide',
  'extend',
]);

/**
 * Does the request target its department's objects? Not an application's steps: applications have
 * no department (the office handles them school-wide).
 */
export const targetsDepartment = (operation: Operation) =>
  !APPLICATION_STEPS.has(operation.path.split('/').pop() ?? '') ||
  !operation.path.startsWith('/api/v1/cases/');

/** The id a path parameter takes for a department's objects (by route and parameter name). */
export function pathValues(
  operation: Operation,
  campus: CampusFixture,
  objects: DepartmentObjects,
): Record<string, string> {
  const values: Record<string, string> = {};
  const path = operation.path;
  for (const { name } of operation.pathParams) {
    if (name === 'itemId') values[name] = objects.itemId;
    else if (name === 'publicationId') values[name] = objects.publicationId;
    else if (name === 'caseId') {
      const step = path.split('/').pop() ?? '';
      values[name] = APPLICATION_STEPS.has(step) ? objects.applicationId : objects.complaintId;
    } else if (name === 'trackingNo') values[name] = objects.complaintTrackingNo;
    else if (name === 'code') values[name] = campus.categoryCode;
    else if (name === 'academicYear') values[name] = campus.academicYear;
    else if (name === 'figureId') values[name] = 'complaints.received';
    else if (name === 'service') values[name] = 'catalogue';
    else if (name === 'id') {
      if (path.startsWith('/api/v1/departments/')) values[name] = objects.departmentId;
      else if (path.startsWith('/api/v1/people/')) values[name] = objects.personId;
      else if (path.startsWith('/api/v1/role-bindings/')) values[name] = objects.bindingId;
      else if (path.startsWith('/api/v1/permission-requests/')) values[name] = objects.permissionRequestId;
      else if (path.startsWith('/api/v1/api-clients/')) values[name] = campus.clients.victimId;
      else if (path.startsWith('/api/v1/rounds/')) values[name] = campus.roundId;
      else if (path.startsWith('/api/v1/tasks/')) values[name] = objects.taskId;
      else if (path.startsWith('/api/v1/ops/dead-letters/')) values[name] = randomUUID();
      else throw new Error(`no fixture for {id} of ${operation.id}: add one to requests.ts`);
    } else throw new Error(`no fixture for {${name}} of ${operation.id}: add one to requests.ts`);
  }
  return values;
}

/** Body and query fields that name a department's objects, filled with that department's. */
export function objectHints(campus: CampusFixture, objects: DepartmentObjects): Hints {
  return {
    departmentId: () => objects.departmentId,
    leadDepartmentId: () => objects.departmentId,
    subjectId: () => objects.personId,
    personId: () => objects.personId,
    itemId: () => objects.itemId,
    roundId: () => campus.roundId,
    caseId: () => objects.complaintId,
    taskId: () => objects.taskId,
    publicationId: () => objects.publicationId,
  };
}

/** A department field the route decides on (`body.x`, `query.x`): its location and name. */
export function decisionField(operation: Operation): { in: 'body' | 'query'; name: string } | undefined {
  const access = operation.access;
  if (!access || access.kind === 'public' || access.kind === 'authenticated') return undefined;
  const [where, name] = access.department.split('.');
  if ((where === 'body' || where === 'query') && name) return { in: where, name };
  return undefined;
}

/**
 * Bodies whose validity the schema cannot say (a rule across fields, "at least one field"): the
 * smallest valid one, merged over the schema's minimal body.
 */
const VALID_BODIES: Record<string, (objects: DepartmentObjects) => Record<string, unknown>> = {
  'PATCH /api/v1/catalogue/items/{itemId}': () => ({ description: '安全测试：事项说明' }),
  'PATCH /api/v1/catalogue/items/{itemId}/publications/{publicationId}': () => ({
    summary: '安全测试：摘要',
  }),
  'POST /api/v1/tasks/{id}/submit': () => ({ noChange: true, noChangeReason: '本期内容无变化' }),
  // A role in the department (its reviewers decide), not the first role of the list school-wide.
  'POST /api/v1/permission-requests': (objects) => ({
    role: 'dept_liaison',
    departmentId: objects.departmentId,
  }),
};

export interface BuiltRequest {
  method: string;
  path: string;
  body?: unknown;
  /** Body and query fields whose values are ids of the department's objects. */
  idFields: { in: 'body' | 'query'; name: string }[];
}

/**
 * The smallest valid request of an operation against one department's objects: path ids, the
 * required query and body fields (ids from the department), and the field the route decides on.
 */
export function buildRequest(
  operation: Operation,
  campus: CampusFixture,
  objects: DepartmentObjects,
  overrides: { query?: Record<string, string>; body?: Record<string, unknown> } = {},
): BuiltRequest {
  const hints = objectHints(campus, objects);
  const decision = decisionField(operation);
  const idFields: BuiltRequest['idFields'] = [];
  const query = new URLSearchParams();
  for (const parameter of operation.queryParams) {
    const forced = decision?.in === 'query' && decision.name === parameter.name;
    if (!parameter.required && !forced) continue;
    const value =
      parameter.name === 'action' && operation.access?.kind === 'action-from-query'
        ? 'catalogue.item.update'
        : minimalValue(parameter.schema, hints, parameter.name);
    query.set(parameter.name, String(value));
    if (parameter.name in hints) idFields.push({ in: 'query', name: parameter.name });
  }
  for (const [name, value] of Object.entries(overrides.query ?? {})) query.set(name, value);
  let body: unknown;
  if (operation.body) {
    const schema = operation.body.schema;
    body = minimalValue(objectSchemaOf(schema) ?? schema, hints);
    const objectSchema = objectSchemaOf(schema);
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const record = body as Record<string, unknown>;
      Object.assign(record, VALID_BODIES[operation.id]?.(objects));
      if (decision?.in === 'body') record[decision.name] = objects.departmentId;
      Object.assign(record, overrides.body);
      for (const name of Object.keys(record))
        if (name in hints && typeof record[name] === 'string') idFields.push({ in: 'body', name });
    }
    if (objectSchema && body === undefined) body = {};
  }
  const search = query.toString();
  return {
    method: operation.method,
    path: `${fillPath(operation.path, pathValues(operation, campus, objects))}${search ? `?${search}` : ''}`,
    ...(body !== undefined ? { body } : {}),
    idFields,
  };
}

/** Does the schema's object have this property (so a request may carry it)? */
export const hasProperty = (schema: JsonSchema | undefined, name: string) =>
  Boolean(objectSchemaOf(schema)?.properties?.[name]);
