import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Action as PermissionAction } from '@gongkai/contracts';

export const IS_PUBLIC = 'gateway:isPublic';
export const ACTION = 'gateway:action';
export const AUTHENTICATED_ONLY = 'gateway:authenticatedOnly';

/**
 * Who may call an operation, in the OpenAPI document (`x-gongkai-access`), so campus systems and the
 * security suite (e2e/security) read it from the same declaration the AuthGuard enforces:
 * - `public`: no credentials; `authenticated`: any signed-in caller, no decision;
 * - `action`: the caller must be allowed `action` in `department` (`school-wide`, the request field
 *   it is read from, or `service` when only the service knows it); with `answersEveryone`, any
 *   signed-in caller is answered and the action only widens what the answer shows;
 * - `action-from-query`: the action is the one the query names.
 */
export const ACCESS_EXTENSION = 'x-gongkai-access';
export type DocumentedAccess =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | {
      kind: 'action';
      action: PermissionAction;
      department: 'school-wide' | DepartmentSource | 'service';
      answersEveryone?: true;
    }
  | { kind: 'action-from-query'; field: string; department: 'school-wide' | DepartmentSource };

const documentAccess = (access: DocumentedAccess) => ApiExtension(ACCESS_EXTENSION, access);

/** No credentials needed (probes, metrics, /api/v1/public/**). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), documentAccess({ kind: 'public' }));

/**
 * Any authenticated caller, no decision: only for routes that show nobody's data but the
 * caller's own, or reference data every caller needs (GET /roles).
 */
export const AuthenticatedOnly = () =>
  applyDecorators(SetMetadata(AUTHENTICATED_ONLY, true), documentAccess({ kind: 'authenticated' }));

/** Where a route's department is in the request: `body.<field>`, `params.<name>` or `query.<name>`. */
export type DepartmentSource = `body.${string}` | `params.${string}` | `query.${string}`;

export interface ActionOptions {
  /**
   * The department the action targets, for `permissions.decisions.check`:
   * - omitted: a school-wide target (departmentId null), which only school-wide bindings allow;
   * - `body.x` / `params.x` / `query.x`: that field of the request (missing or null: school-wide);
   * - `'service'`: only the service knows it (e.g. a task's department is in rounds' database).
   *   The gateway then authenticates and forwards the actor without deciding, and the SERVICE
   *   must ask `permissions.decisions.check` itself before acting. Never use it to skip a check.
   */
  departmentFrom?: DepartmentSource | 'service';
  /**
   * Reads only, with `departmentFrom: 'service'`: every signed-in caller is answered, and the service
   * shows more to callers allowed the action (an item's drafts to its liaisons and reviewers).
   */
  answersEveryone?: true;
}

/** A route's action: fixed, or (for GET /permissions/check only) named by the request's query. */
export type RouteAction = ActionOptions &
  ({ action: PermissionAction; actionFrom?: never } | { action?: never; actionFrom: `query.${string}` });

/**
 * The action a protected route performs, one of ACTIONS (contracts, roles.ts), and its scope:
 * `@Action('catalogue.item.update', { departmentFrom: 'params.departmentId' })`. The AuthGuard asks
 * the permissions service whether the caller may do it in that department before the handler runs.
 */
export const Action = (action: PermissionAction, options: ActionOptions = {}) =>
  applyDecorators(
    SetMetadata(ACTION, { action, ...options } satisfies RouteAction),
    documentAccess({
      kind: 'action',
      action,
      department: options.departmentFrom ?? 'school-wide',
      ...(options.answersEveryone ? { answersEveryone: true } : {}),
    }),
  );

/**
 * The action is the one the request names in `?<field>=` (validated against ACTIONS): a route
 * that answers "may I do this?" is allowed exactly when the caller may do it.
 */
export const ActionFromQuery = (field: string, options: Omit<ActionOptions, 'answersEveryone'> = {}) => {
  if (options.departmentFrom === 'service') throw new Error('An action named by the query is decided here');
  return applyDecorators(
    SetMetadata(ACTION, { actionFrom: `query.${field}`, ...options } satisfies RouteAction),
    documentAccess({
      kind: 'action-from-query',
      field,
      department: options.departmentFrom ?? 'school-wide',
    }),
  );
};
