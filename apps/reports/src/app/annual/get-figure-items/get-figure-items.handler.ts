import { Controller } from '@nestjs/common';
import { ReportsRpc, type FigureItems } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { GetFigureItemsUseCase } from './get-figure-items.use-case';

@Controller()
export class GetFigureItemsHandler {
  constructor(private readonly getFigureItemsUseCase: GetFigureItemsUseCase) {}

  @RpcHandler(ReportsRpc.getFigureItems)
  get({ body }: RpcRequest<typeof ReportsRpc.getFigureItems>): Promise<FigureItems> {
    return this.getFigureItemsUseCase.execute(body);
  }
}
