import { DomainError, ErrorCode } from '@gongkai/contracts';
import { initialResponsibility } from './create-item.use-case';

const LEAD = '0190b3a4-7c1e-7c3a-8f00-00000000000a';
const CO = '0190b3a4-7c1e-7c3a-8f00-00000000000b';

function fieldOf(attempt: () => unknown): unknown {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.VALIDATION_FAILED);
    expect((error as DomainError).reason).toBe('RESPONSIBLE_DEPARTMENTS_INVALID');
    return ((error as DomainError).details as { path: unknown[] }[])[0]?.path;
  }
  throw new Error('expected a refusal');
}

describe('initialResponsibility of a new item', () => {
  it('is nobody when no department is named', () => {
    expect(initialResponsibility({})).toBeNull();
    expect(initialResponsibility({ coDepartmentIds: [] })).toBeNull();
  });

  it('is the lead with its co-operating departments', () => {
    expect(initialResponsibility({ leadDepartmentId: LEAD, coDepartmentIds: [CO] })).toEqual({
      leadDepartmentId: LEAD,
      coDepartmentIds: [CO],
    });
    expect(initialResponsibility({ leadDepartmentId: LEAD })).toEqual({
      leadDepartmentId: LEAD,
      coDepartmentIds: [],
    });
  });

  it('refuses co-operating departments without a lead, at leadDepartmentId', () => {
    expect(fieldOf(() => initialResponsibility({ coDepartmentIds: [CO] }))).toEqual([
      'body',
      'leadDepartmentId',
    ]);
  });

  it('refuses the lead named again as co-operating, at coDepartmentIds', () => {
    expect(
      fieldOf(() => initialResponsibility({ leadDepartmentId: LEAD, coDepartmentIds: [CO, LEAD] })),
    ).toEqual(['body', 'coDepartmentIds']);
  });
});
