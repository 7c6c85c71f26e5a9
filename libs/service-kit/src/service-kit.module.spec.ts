import { loadDataServiceConfig } from '@gongkai/config';
import { ServiceKitModule } from './service-kit.module';

class FakePrisma {
  $executeRawUnsafe = async () => 0;
  $queryRawUnsafe = async () => [] as never;
  $transaction = async () => undefined as never;
}

describe('ServiceKitModule', () => {
  it('refuses a department projection in a service that does not keep one', () => {
    expect(() =>
      ServiceKitModule.forService({
        config: loadDataServiceConfig('permissions', {}),
        prisma: FakePrisma,
        departmentProjection: true,
      }),
    ).toThrow(/permissions does not keep a department projection/);
  });

  it('adds the projection consumer and its list handler where asked', () => {
    const module = ServiceKitModule.forService({
      config: loadDataServiceConfig('rounds', {}),
      prisma: FakePrisma,
      departmentProjection: true,
    });
    expect(module.controllers).toHaveLength(2);
    expect(module.providers?.length).toBeGreaterThan(
      ServiceKitModule.forService({ config: loadDataServiceConfig('reports', {}), prisma: FakePrisma })
        .providers?.length ?? 0,
    );
  });
});
