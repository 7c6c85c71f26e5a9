import { CreateDepartmentSchema, DomainError, ErrorCode } from '@gongkai/contracts';
import { parseRequest } from './parse-request';

const meta = { actor: { kind: 'client' as const, id: 'bootstrap-admin' }, correlationId: 'c-1' };

describe('parseRequest', () => {
  it('returns the typed meta and body of a valid request', () => {
    const request = parseRequest(CreateDepartmentSchema, {
      meta,
      body: { code: 'CS', name: ' Computing ', type: 'college' },
    });
    expect(request.meta).toEqual(meta);
    expect(request.body).toEqual({ code: 'CS', name: 'Computing', type: 'college' });
  });

  it('throws VALIDATION_FAILED with the zod issues for a bad body', () => {
    let error: unknown;
    try {
      parseRequest(CreateDepartmentSchema, {
        meta,
        body: { code: 'CS', name: 'Computing', type: 'zoo', extra: 1 },
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    const domainError = error as DomainError;
    expect(domainError.code).toBe(ErrorCode.VALIDATION_FAILED);
    const issues = domainError.details as { path: unknown[]; code: string }[];
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['body', 'type'], code: 'invalid_value' }),
        expect.objectContaining({ path: ['body'], code: 'unrecognized_keys' }),
      ]),
    );
  });

  it('rejects a request without meta', () => {
    expect(() =>
      parseRequest(CreateDepartmentSchema, { body: { code: 'CS', name: 'x', type: 'office' } }),
    ).toThrow(DomainError);
  });

  it('rejects a payload that is not an object', () => {
    expect(() => parseRequest(CreateDepartmentSchema, undefined)).toThrow(DomainError);
  });
});
