import { Injectable } from '@nestjs/common';
import { loadDataServiceConfig } from '@gongkai/config';
import type { EventConsumer } from '@gongkai/messaging';
import { MESSAGING_OPTIONS } from './messaging-lifecycle';
import { ServiceKitModule } from './service-kit.module';
import { Clock } from './unit-of-work/clock';

class FakePrisma {
  $executeRawUnsafe = async () => 0;
  $queryRawUnsafe = async () => [] as never;
  $transaction = async () => undefined as never;
}

@Injectable()
class SomeConsumer implements EventConsumer {
  readonly name = 'some';
  readonly source = 'permissions' as const;
  readonly filter = 'evt.permissions.>';
  readonly ordering = 'independent' as const;
  readonly handlers = [];
}

describe('ServiceKitModule', () => {
  it('hands the consumers it is given to the messaging runtime', () => {
    const module = ServiceKitModule.forService({
      config: loadDataServiceConfig('rounds', {}),
      prisma: FakePrisma,
      consumers: [SomeConsumer],
    });
    expect(module.providers).toContainEqual({
      provide: MESSAGING_OPTIONS,
      useValue: { prisma: FakePrisma, consumers: [SomeConsumer] },
    });
  });

  it('answers the dead letters of its service', () => {
    const module = ServiceKitModule.forService({
      config: loadDataServiceConfig('reports', {}),
      prisma: FakePrisma,
    });
    expect(module.controllers).toHaveLength(1);
  });

  it('gives every module of the service one Clock, which a test replaces by its class', () => {
    const module = ServiceKitModule.forService({
      config: loadDataServiceConfig('catalogue', {}),
      prisma: FakePrisma,
    });
    expect(module.providers).toContain(Clock);
    expect(module.exports).toContain(Clock);
  });
});
