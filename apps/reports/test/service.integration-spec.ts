import { join } from 'node:path';
import { deadLetterRpcOf, healthRpcOf } from '@gongkai/contracts';
import { startServiceUnderTest, type ServiceUnderTest } from '@gongkai/service-testing';
import { AppModule } from '../src/app/app.module';

describe('reports service', () => {
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await startServiceUnderTest({
      service: 'reports',
      module: (config) => AppModule.register(config),
      prismaDir: join(__dirname, '..', 'prisma'),
    });
  });

  afterAll(() => sut?.stop());

  it('boots on its own migrated database and answers its health check', async () => {
    await expect(sut.client.request(healthRpcOf('reports'), {}, sut.meta)).resolves.toMatchObject({
      service: 'reports',
      database: 'ok',
    });
  });

  it('answers the ops dead-letter listing', async () => {
    await expect(
      sut.client.request(deadLetterRpcOf('reports').list, { status: 'parked' }, sut.meta),
    ).resolves.toEqual({
      items: [],
      nextCursor: null,
    });
  });
});
