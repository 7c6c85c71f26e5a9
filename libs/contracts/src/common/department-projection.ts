import { z } from 'zod';
import { ListQuerySchema, pageSchema } from './pagination';
import { defineRpc } from './rpc-definition';

/** Services that keep their own copy of the department tree from permissions' events. */
export const DEPARTMENT_PROJECTING_SERVICES = ['catalogue', 'rounds', 'complaints', 'reports'] as const;
export type DepartmentProjectingService = (typeof DEPARTMENT_PROJECTING_SERVICES)[number];

export const ProjectedDepartmentSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  type: z.string(),
  parentId: z.uuid().nullable(),
  status: z.string(),
  /** Business time of the last change applied (may lie in the past). */
  updatedAt: z.string(),
  /** The department's version in permissions that this row reflects. */
  version: z.number().int(),
});
export type ProjectedDepartment = z.infer<typeof ProjectedDepartmentSchema>;

/** `<service>.departments.list`: a page of the service's own copy, by id. */
export const ListProjectedDepartmentsSchema = ListQuerySchema.extend({ cursor: z.uuid().optional() });

export function projectedDepartmentsRpcOf<TService extends DepartmentProjectingService>(service: TService) {
  return defineRpc({
    subject: `${service}.departments.list` as const,
    request: ListProjectedDepartmentsSchema,
    reply: pageSchema(ProjectedDepartmentSchema),
  });
}

export function projectedDepartmentsSubjectOf(service: DepartmentProjectingService): string {
  return projectedDepartmentsRpcOf(service).subject;
}
