import { z } from 'zod';
import { defineEvent } from '../common/event-definition';

export const DEPARTMENT_TYPES = ['school', 'college', 'office', 'centre'] as const;
export const DEPARTMENT_STATUSES = ['active', 'dissolved'] as const;

export const DepartmentSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  type: z.enum(DEPARTMENT_TYPES),
  parentId: z.uuid().nullable(),
  status: z.enum(DEPARTMENT_STATUSES),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Department = z.infer<typeof DepartmentSchema>;

export const CreateDepartmentSchema = z
  .object({
    code: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
        'letters, digits, "-" and "_" only, starting with a letter or digit',
      ),
    name: z.string().trim().min(1).max(100),
    type: z.enum(DEPARTMENT_TYPES),
    parentId: z.uuid().nullable().optional(),
  })
  .strict();
export type CreateDepartment = z.infer<typeof CreateDepartmentSchema>;

export const DepartmentCreatedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'department',
  event: 'created',
  version: 1,
  payload: z.object({
    departmentId: z.uuid(),
    code: z.string(),
    name: z.string(),
    type: z.enum(DEPARTMENT_TYPES),
    parentId: z.uuid().nullable(),
    status: z.enum(DEPARTMENT_STATUSES),
  }),
});
