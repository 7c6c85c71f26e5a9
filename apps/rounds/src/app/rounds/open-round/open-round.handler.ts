import { Controller } from '@nestjs/common';
import { RoundsRpc, type Round } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { OpenRoundUseCase } from './open-round.use-case';

@Controller()
export class OpenRoundHandler {
  constructor(private readonly openRoundUseCase: OpenRoundUseCase) {}

  // Decided by the gateway: rounds.round.manage, school-wide (the disclosure office).
  @RpcHandler(RoundsRpc.openRound)
  open({ meta, body }: RpcRequest<typeof RoundsRpc.openRound>): Promise<Round> {
    return this.openRoundUseCase.execute(body, meta);
  }
}
