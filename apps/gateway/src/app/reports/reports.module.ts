import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';

/** Thin routes to the reports service (one NATS request each). */
@Module({ controllers: [ReportsController] })
export class ReportsModule {}
