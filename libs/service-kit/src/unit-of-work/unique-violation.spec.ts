import { DomainError, ErrorCode } from '@gongkai/contracts';
import { translateUniqueViolation } from './unique-violation';

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

  it('leaves every other error as it is', () => {
    const other = Object.assign(new Error('Record not found'), { code: 'P2025' });
    expect(translateUniqueViolation(other)).toBe(other);
    expect(translateUniqueViolation('boom')).toBe('boom');
  });
});
