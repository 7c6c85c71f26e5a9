import { GatewayError } from '../errors/gateway.error';
import { departmentIdOf } from './department-scope';

const DEPT = '0190b3a4-7c1e-7c3a-8f00-00000000000a';

describe('departmentIdOf', () => {
  it('reads the department from the body, the path or the query', () => {
    expect(departmentIdOf({ body: { departmentId: DEPT } }, 'body.departmentId')).toBe(DEPT);
    expect(departmentIdOf({ params: { id: DEPT } }, 'params.id')).toBe(DEPT);
    expect(departmentIdOf({ query: { departmentId: DEPT } }, 'query.departmentId')).toBe(DEPT);
  });

  it('treats a missing or null department as a school-wide target', () => {
    expect(departmentIdOf({ body: {} }, 'body.departmentId')).toBeNull();
    expect(departmentIdOf({ body: { departmentId: null } }, 'body.departmentId')).toBeNull();
    expect(departmentIdOf({}, 'query.departmentId')).toBeNull();
    expect(departmentIdOf({ body: [DEPT] }, 'body.departmentId')).toBeNull();
  });

  it('rejects anything else with a 400 naming the field where it was', () => {
    let thrown: unknown;
    try {
      departmentIdOf({ query: { departmentId: 'A' } }, 'query.departmentId');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    expect((thrown as GatewayError).code).toBe('VALIDATION_FAILED');
    expect((thrown as GatewayError).extras.errors).toEqual([
      { in: 'query', pointer: '/departmentId', code: 'invalid_format', message: 'Expected a UUID' },
    ]);
    expect(() => departmentIdOf({ body: { departmentId: 7 } }, 'body.departmentId')).toThrow(GatewayError);
  });
});
