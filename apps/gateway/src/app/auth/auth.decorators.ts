import { SetMetadata } from '@nestjs/common';
import type { Action as PermissionAction } from '@gongkai/contracts';

export const IS_PUBLIC = 'gateway:isPublic';
export const ACTION = 'gateway:action';
export const AUTHENTICATED_ONLY = 'gateway:authenticatedOnly';

/** No credentials needed (probes, metrics, /api/v1/public/**). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Any authenticated caller, no decision: only for routes that show nobody's data but the
 * caller's own, or reference data every caller needs (GET /roles).
 */
export const AuthenticatedOnly = () => SetMetadata(AUTHENTICATED_ONLY, true);

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
  SetMetadata(ACTION, { action, ...options } satisfies RouteAction);

/**
 * The action is the one the request names in `?<field>=` (validated against ACTIONS): a route
 * that answers "may I do this?" is allowed exactly when the caller may do it.
 */
export const ActionFromQuery = (field: string, options: ActionOptions = {}) =>
  SetMetadata(ACTION, { actionFrom: `query.${field}`, ...options } satisfies RouteAction);
