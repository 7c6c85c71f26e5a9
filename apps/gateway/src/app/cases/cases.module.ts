import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller';
import { PublicCasesController } from './public-cases.controller';

/** Thin routes to the complaints service (one NATS request each), and its public face. */
@Module({ controllers: [CasesController, PublicCasesController] })
export class CasesModule {}
