import { Module } from '@nestjs/common';
import { CloseRoundHandler } from './close-round/close-round.handler';
import { CloseRoundUseCase } from './close-round/close-round.use-case';
import { CreateRoundHandler } from './create-round/create-round.handler';
import { CreateRoundUseCase } from './create-round/create-round.use-case';
import { GetRoundHandler } from './get-round/get-round.handler';
import { GetRoundUseCase } from './get-round/get-round.use-case';
import { ListRoundsHandler } from './list-rounds/list-rounds.handler';
import { ListRoundsUseCase } from './list-rounds/list-rounds.use-case';
import { OpenRoundHandler } from './open-round/open-round.handler';
import { OpenRoundUseCase } from './open-round/open-round.use-case';
import { RoundProgressHandler } from './round-progress/round-progress.handler';
import { RoundProgressUseCase } from './round-progress/round-progress.use-case';

/** Rounds: draft → open (one task per item in scope) → closed (with its summary); lists and progress. */
@Module({
  controllers: [
    CreateRoundHandler,
    OpenRoundHandler,
    CloseRoundHandler,
    GetRoundHandler,
    ListRoundsHandler,
    RoundProgressHandler,
  ],
  providers: [
    CreateRoundUseCase,
    OpenRoundUseCase,
    CloseRoundUseCase,
    GetRoundUseCase,
    ListRoundsUseCase,
    RoundProgressUseCase,
  ],
})
export class RoundsModule {}
