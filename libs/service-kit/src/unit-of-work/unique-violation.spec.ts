import { DomainError, ErrorCode, defineErrorReasons } from '@gongkai/contracts';
import { translateUniqueViolation } from './unique-violation';

const Reasons = defineErrorReasons('example', {
  THING_CODE_TAKEN: { category: ErrorCode.CONFLICT, description: 'Another thing has this code.' },
});

/** A P2002 as Prisma 7 raises it through @prisma/adapter-pg. */
function adapterRace(index: string) {
  return Object.assign(new Error('Unique constraint failed on the (index: ' + index + ')'), {
    code: 'P2002',
    meta: {
      modelName: 'Thing',
      driverAdapterError: {
        name: 'DriverAdapterError',
        cause: { kind: 'UniqueConstraintViolation', constraint: { index }, originalCode: '23505' },
      },
    },
  });
}

describe('translateUniqueViolation', () => {
  it('turns a unique-index race (Prisma P2002) into a CONFLICT naming the index', () => {
    const race = Object.assign(new Error('Unique constraint failed'), {
      code: 'P2002',
      meta: { target: ['code'] },
    });
    const translated = translateUniqueViolation(race);
    expect(translated).toBeInstanceOf(DomainError);
    expect(translated).toMatchObject({
      code: ErrorCode.CONFLICT,
      reason: 'UNIQUE_VALUE_TAKEN',
      details: { target: ['code'] },
    });
  });

  it("gives the service's own reason for an index it names, the generic one for others", () => {
    const indexReasons = {
      thing_code_key: {
        reason: Reasons.THING_CODE_TAKEN,
        message: 'Another thing took this code; choose another',
      },
    };
    expect(translateUniqueViolation(adapterRace('thing_code_key'), indexReasons)).toMatchObject({
      code: ErrorCode.CONFLICT,
      reason: 'THING_CODE_TAKEN',
      message: 'Another thing took this code; choose another',
      details: { target: 'thing_code_key' },
    });
    expect(translateUniqueViolation(adapterRace('thing_version_key'), indexReasons)).toMatchObject({
      reason: 'UNIQUE_VALUE_TAKEN',
      details: { target: 'thing_version_key' },
    });
  });

  it('leaves every other error as it is', () => {
    const other = Object.assign(new Error('Record not found'), { code: 'P2025' });
    expect(translateUniqueViolation(other)).toBe(other);
    expect(translateUniqueViolation('boom')).toBe('boom');
  });
});
