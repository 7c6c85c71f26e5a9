import { Controller } from '@nestjs/common';
import { RoundsRpc, type Round } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { CreateRoundUseCase } from './create-round.use-case';

@Controller()
export class CreateRoundHandler {
  constructor(private readonly createRoundUseCase: CreateRoundUseCase) {}

  // Decided by the gateway: rounds.round.manage, school-wide (the disclosure office).
  @RpcHandler(RoundsRpc.createRound)
  create({ meta, body }: RpcRequest<typeof RoundsRpc.createRound>): Promise<Round> {
    return this.createRoundUseCase.execute(body, meta);
  }
}
