import { join } from 'node:path';
import { deadLetterRpcOf, healthRpcOf } from '@gongkai/contracts';
import { startServiceUnderTest, type ServiceUnderTest } from '@gongkai/service-testing';
import { AppModule } from '../src/app/app.module';

describe('complaints service', () => {
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await startServiceUnderTest({
      service: 'complaints',
      module: (config) => AppModule.register(config),
      prismaDir: join(__dirname, '..', 'prisma'),
    });
  });

  afterAll(() => sut?.stop());

  it('boots on its own migrated database and answers its health check', async () => {
    await expect(sut.client.request(healthRpcOf('complaints'), {}, sut.meta)).resolves.toMatchObject({
      service: 'complaints',
      database: 'ok',
    });
  });

  it('answers the ops dead-letter listing', async () => {
    await expect(
      sut.client.request(deadLetterRpcOf('complaints').list, { status: 'parked' }, sut.meta),
    ).resolves.toEqual({
      items: [],
      nextCursor: null,
    });
  });
});
