import { Global, Module, type DynamicModule } from '@nestjs/common';
import { COMPLAINTS_CONFIG, type ComplaintsConfig } from './complaints-config';

/** The complaints service's own settings, for every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: ComplaintsConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: COMPLAINTS_CONFIG, useValue: config }],
      exports: [COMPLAINTS_CONFIG],
    };
  }
}
