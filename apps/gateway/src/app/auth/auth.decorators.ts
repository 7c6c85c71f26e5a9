import { SetMetadata } from '@nestjs/common';
import type { Action as PermissionAction } from '@gongkai/contracts';

export const IS_PUBLIC = 'gateway:isPublic';
export const ACTION = 'gateway:action';

/** No credentials needed (probes, metrics, /api/v1/public/**). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

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

export interface RouteAction extends ActionOptions {
  action: PermissionAction;
}

/**
 * The action a protected route performs, one of ACTIONS (contracts, roles.ts), and its scope:
 * `@Action('catalogue.item.update', { departmentFrom: 'params.departmentId' })`. The AuthGuard asks
 * the permissions service whether the caller may do it in that department before the handler runs.
 */
export const Action = (action: PermissionAction, options: ActionOptions = {}) =>
  SetMetadata(ACTION, { action, ...options } satisfies RouteAction);
