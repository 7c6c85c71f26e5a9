import { Module } from '@nestjs/common';
import { RoundsController } from './rounds.controller';
import { TasksController } from './tasks.controller';

/** Thin routes to the rounds service (one NATS request each). */
@Module({ controllers: [RoundsController, TasksController] })
export class RoundsModule {}
