import { Controller } from '@nestjs/common';
import { RoundsRpc, type Round } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { GetRoundUseCase } from './get-round.use-case';

@Controller()
export class GetRoundHandler {
  constructor(private readonly getRoundUseCase: GetRoundUseCase) {}

  @RpcHandler(RoundsRpc.getRound)
  get({ body }: RpcRequest<typeof RoundsRpc.getRound>): Promise<Round> {
    return this.getRoundUseCase.execute(body);
  }
}
