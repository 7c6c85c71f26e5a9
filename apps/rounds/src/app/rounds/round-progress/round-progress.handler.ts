import { Controller } from '@nestjs/common';
import { RoundsRpc, type RoundProgress } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { RoundProgressUseCase } from './round-progress.use-case';

@Controller()
export class RoundProgressHandler {
  constructor(private readonly roundProgressUseCase: RoundProgressUseCase) {}

  @RpcHandler(RoundsRpc.roundProgress)
  progress({ body }: RpcRequest<typeof RoundsRpc.roundProgress>): Promise<RoundProgress> {
    return this.roundProgressUseCase.execute(body);
  }
}
