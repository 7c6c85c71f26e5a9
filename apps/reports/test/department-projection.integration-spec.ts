import { join } from 'node:path';
import {
  itKeepsADepartmentProjection,
  startServiceUnderTest,
  type ServiceUnderTest,
} from '@gongkai/service-testing';
import { AppModule } from '../src/app/app.module';

describe('reports service: department projection', () => {
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await startServiceUnderTest({
      service: 'reports',
      module: (config) => AppModule.register(config),
      prismaDir: join(__dirname, '..', 'prisma'),
    });
  });

  afterAll(() => sut?.stop());

  itKeepsADepartmentProjection('reports', () => sut);
});
