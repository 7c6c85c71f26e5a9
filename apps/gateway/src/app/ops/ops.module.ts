import { Module } from '@nestjs/common';
import { DeadLetterPathPipe } from './dead-letters/dead-letter-path.pipe';
import { OpsDeadLettersController } from './dead-letters/ops-dead-letters.controller';
import { OpsDeadLettersService } from './dead-letters/ops-dead-letters.service';

/** Routes for the ops team: dead letters of every data service (list, replay). */
@Module({ controllers: [OpsDeadLettersController], providers: [OpsDeadLettersService, DeadLetterPathPipe] })
export class OpsModule {}
