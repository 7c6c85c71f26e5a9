import { ALL_ERROR_REASONS } from '../error-reason-catalogue';
import { defineErrorReasons } from './error-reasons';
import { DomainError, ErrorBodySchema, ErrorCode } from './errors';

describe('error reasons', () => {
  const Reasons = defineErrorReasons('example', {
    THING_TAKEN: { category: ErrorCode.CONFLICT, description: 'Another thing has this name.' },
  });

  it('gives an error its category as code and its own reason, and both travel in the body', () => {
    const error = DomainError.because(Reasons.THING_TAKEN, 'Thing 甲 exists; choose another name', {
      name: '甲',
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.reason).toBe('THING_TAKEN');
    const body = error.toBody();
    expect(body).toEqual({
      code: 'CONFLICT',
      reason: 'THING_TAKEN',
      message: 'Thing 甲 exists; choose another name',
      details: { name: '甲' },
    });
    expect(ErrorBodySchema.parse(body)).toEqual(body);
  });

  it('leaves the reason out of the body of an error without one', () => {
    expect(new DomainError(ErrorCode.NOT_FOUND, 'gone').toBody()).toEqual({
      code: 'NOT_FOUND',
      message: 'gone',
    });
  });

  it('refuses a reason that is not UPPER_SNAKE_CASE', () => {
    expect(() =>
      defineErrorReasons('example', { 'thing-taken': { category: ErrorCode.CONFLICT, description: 'x' } }),
    ).toThrow(/UPPER_SNAKE_CASE/);
  });

  it('names every reason once across the services, each with a description', () => {
    const names = ALL_ERROR_REASONS.map((entry) => entry.reason);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of ALL_ERROR_REASONS) expect(entry.description.length).toBeGreaterThan(10);
  });
});
