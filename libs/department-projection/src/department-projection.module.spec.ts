import { DepartmentProjectionConsumer } from './department-projection.consumer';
import { DepartmentProjectionModule } from './department-projection.module';

class FakePrisma {
  $executeRawUnsafe = async () => 0;
  $queryRawUnsafe = async () => [] as never;
  $transaction = async () => undefined as never;
}

describe('DepartmentProjectionModule', () => {
  it('refuses a service that does not keep a department projection', () => {
    expect(() =>
      DepartmentProjectionModule.forService({ service: 'permissions' as 'rounds', prisma: FakePrisma }),
    ).toThrow(/permissions does not keep a department projection/);
  });

  it('provides the consumer and answers the service’s departments.list', () => {
    const module = DepartmentProjectionModule.forService({ service: 'rounds', prisma: FakePrisma });
    expect(module.controllers).toHaveLength(1);
    expect(module.providers).toContain(DepartmentProjectionConsumer);
    expect(module.exports).toContain(DepartmentProjectionConsumer);
  });
});
