import { z } from 'zod';

/** Services that keep their own copy of the department tree from permissions' events. */
export const DEPARTMENT_PROJECTING_SERVICES = ['catalogue', 'rounds', 'complaints'] as const;
export type DepartmentProjectingService = (typeof DEPARTMENT_PROJECTING_SERVICES)[number];

export function projectedDepartmentsSubjectOf(service: DepartmentProjectingService): string {
  return `${service}.departments.list`;
}

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
