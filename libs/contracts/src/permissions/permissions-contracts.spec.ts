import { z } from 'zod';
import { PermissionsEvents } from './events';
import { IdentityChangeBodySchema, RecordIdentityChangeSchema } from './people';
import { MergeDepartmentsSchema } from './reorganisations';
import { UpdateDepartmentSchema } from './departments';
import { GrantRoleBindingSchema } from './bindings';
import { CreateApiClientSchema } from './api-clients';
import { PermissionsSubjects } from './subjects';

const A = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const B = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';

function shapeKeys(schema: z.ZodType): string[] {
  return Object.keys((schema as unknown as z.ZodObject).shape);
}

describe('permissions contracts', () => {
  it('names every subject permissions.<aggregate>.<verb>, each once', () => {
    const subjects = Object.values(PermissionsSubjects);
    expect(new Set(subjects).size).toBe(subjects.length);
    for (const subject of subjects) expect(subject).toMatch(/^permissions\.[a-z-]+\.[a-z-]+$/);
  });

  it('lets a decision cache know what to drop from every event that changes what a subject may do', () => {
    for (const definition of Object.values(PermissionsEvents)) {
      const keys = shapeKeys(definition.payload);
      const bySubject = keys.includes('subjectType') && keys.includes('subjectId');
      const byDepartment = keys.includes('affectedDepartmentIds');
      const announcesOnly = [
        'permissions.department.created',
        'permissions.person.created',
        'permissions.audit-chain.checkpointed',
      ].includes(definition.type);
      expect({ type: definition.type, ok: bySubject || byDepartment || announcesOnly }).toEqual({
        type: definition.type,
        ok: true,
      });
    }
  });

  it('takes identity changes by kind, each with only its own fields', () => {
    expect(IdentityChangeBodySchema.safeParse({ kind: 'transfer', toDepartmentId: A }).success).toBe(true);
    expect(IdentityChangeBodySchema.safeParse({ kind: 'transfer' }).success).toBe(false);
    expect(IdentityChangeBodySchema.safeParse({ kind: 'leave', toDepartmentId: A }).success).toBe(false);
    expect(IdentityChangeBodySchema.safeParse({ kind: 'retire' }).success).toBe(false);
    expect(
      RecordIdentityChangeSchema.safeParse({
        personId: B,
        kind: 'depart',
        occurredAt: '2024-06-01T08:00:00+08:00',
        reason: '退休',
      }).success,
    ).toBe(true);
  });

  it('merges into an existing department or a new one, from at least two sources', () => {
    const base = { effectiveDate: '2024-07-01', reason: '机构改革' };
    expect(MergeDepartmentsSchema.safeParse({ ...base, sourceIds: [A, B], target: A }).success).toBe(true);
    expect(
      MergeDepartmentsSchema.safeParse({
        ...base,
        sourceIds: [A, B],
        target: { code: 'NEW', name: '新学院', type: 'college' },
      }).success,
    ).toBe(true);
    expect(MergeDepartmentsSchema.safeParse({ ...base, sourceIds: [A], target: B }).success).toBe(false);
    expect(
      MergeDepartmentsSchema.safeParse({ ...base, sourceIds: [A, B], target: A, effectiveDate: '7/1' })
        .success,
    ).toBe(false);
  });

  it('needs something to change in a department update', () => {
    expect(UpdateDepartmentSchema.safeParse({ id: A }).success).toBe(false);
    expect(UpdateDepartmentSchema.safeParse({ id: A, parentId: null }).success).toBe(true);
  });

  it('defaults a grant to school-wide and an API client to no roles', () => {
    expect(
      GrantRoleBindingSchema.parse({ subjectType: 'person', subjectId: A, role: 'auditor', reason: 'x' })
        .departmentId,
    ).toBeNull();
    expect(CreateApiClientSchema.parse({ name: 'portal' })).toMatchObject({
      roles: [],
      mayActForPersons: false,
    });
  });
});
