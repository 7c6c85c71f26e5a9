import { Controller } from '@nestjs/common';
import { RoundsRpc, type Page, type Round } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ListRoundsUseCase } from './list-rounds.use-case';

@Controller()
export class ListRoundsHandler {
  constructor(private readonly listRoundsUseCase: ListRoundsUseCase) {}

  @RpcHandler(RoundsRpc.listRounds)
  list({ body }: RpcRequest<typeof RoundsRpc.listRounds>): Promise<Page<Round>> {
    return this.listRoundsUseCase.execute(body);
  }
}
