import { prefixSubject, queueGroupOf } from './prefix';

describe('deployment prefix', () => {
  it('puts the prefix in front of a subject', () => {
    expect(prefixSubject('t123', 'permissions.departments.create')).toBe(
      't123.permissions.departments.create',
    );
  });

  it('leaves subjects alone when there is no prefix (production)', () => {
    expect(prefixSubject('', 'permissions.departments.create')).toBe('permissions.departments.create');
  });

  it('names one queue group per service, prefixed too', () => {
    expect(queueGroupOf('t123', 'permissions')).toBe('t123.permissions');
    expect(queueGroupOf('', 'permissions')).toBe('permissions');
  });
});
