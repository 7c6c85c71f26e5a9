import { Controller } from '@nestjs/common';
import { RoundsRpc, type Round } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { CloseRoundUseCase } from './close-round.use-case';

@Controller()
export class CloseRoundHandler {
  constructor(private readonly closeRoundUseCase: CloseRoundUseCase) {}

  // Decided by the gateway: rounds.round.manage, school-wide (the disclosure office).
  @RpcHandler(RoundsRpc.closeRound)
  close({ meta, body }: RpcRequest<typeof RoundsRpc.closeRound>): Promise<Round> {
    return this.closeRoundUseCase.execute(body, meta);
  }
}
