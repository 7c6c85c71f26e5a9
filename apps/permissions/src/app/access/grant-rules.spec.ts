import { DomainError, ErrorCode } from '@gongkai/contracts';
import { assertRoleScope, grantWindow } from './grant-rules';

const NOW = new Date('2024-06-01T08:00:00Z');
const hours = (n: number) => new Date(NOW.getTime() + n * 3_600_000);
const DEPARTMENT = '0190a1b2-0000-7000-8000-00000000000a';

function errorOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('grant rules', () => {
  describe('role scope', () => {
    it('accepts a department-scoped role in a department and a school-wide role without one', () => {
      expect(() => assertRoleScope({ role: 'dept_liaison', departmentId: DEPARTMENT })).not.toThrow();
      expect(() => assertRoleScope({ role: 'disclosure_admin', departmentId: null })).not.toThrow();
    });

    it('asks for a department when the role is held in one', () => {
      const error = errorOf(() => assertRoleScope({ role: 'dept_liaison', departmentId: null }));
      expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(error.message).toBe('dept_liaison is held in one department: give departmentId');
    });

    it('refuses a department for a school-wide role', () => {
      const error = errorOf(() => assertRoleScope({ role: 'disclosure_admin', departmentId: DEPARTMENT }));
      expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(error.details).toEqual({ role: 'disclosure_admin', departmentId: DEPARTMENT });
    });
  });

  describe('window', () => {
    it('starts now and never ends when nothing is given', () => {
      expect(grantWindow(NOW, {})).toEqual({ validFrom: NOW, validTo: null });
    });

    it('never starts in the past: an earlier validFrom becomes now', () => {
      expect(grantWindow(NOW, { validFrom: hours(-5).toISOString(), validTo: hours(5) })).toEqual({
        validFrom: NOW,
        validTo: hours(5),
      });
    });

    it('keeps a validFrom in the future, from a string or a Date', () => {
      expect(grantWindow(NOW, { validFrom: hours(2).toISOString() }).validFrom).toEqual(hours(2));
      expect(grantWindow(NOW, { validFrom: hours(2) }).validFrom).toEqual(hours(2));
    });

    it('refuses a validTo that has already passed', () => {
      const error = errorOf(() => grantWindow(NOW, { validTo: NOW.toISOString() }));
      expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(error.message).toMatch(/validTo has already passed/);
    });

    it('refuses an empty window, judged against the validFrom asked for', () => {
      const error = errorOf(() => grantWindow(NOW, { validFrom: hours(3), validTo: hours(2) }));
      expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(error.details).toEqual({ validFrom: hours(3).toISOString(), validTo: hours(2).toISOString() });
    });
  });
});
