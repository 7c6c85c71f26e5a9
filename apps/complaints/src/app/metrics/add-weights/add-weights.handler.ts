import { Controller } from '@nestjs/common';
import { ComplaintsRpc } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '@gongkai/service-kit';
import type { ComplaintsTx } from '../../prisma.service';
import { WeightsRepository } from '../weights.repository';

/** POST /cases/score-weights: a new version; older versions stay for the periods they scored. */
@Controller()
export class AddWeightsHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly weightsRepository: WeightsRepository,
  ) {}

  @RpcHandler(ComplaintsRpc.addScoreWeights)
  add({ meta, body }: RpcRequest<typeof ComplaintsRpc.addScoreWeights>) {
    return this.unitOfWork.run((tx: ComplaintsTx) => this.weightsRepository.add(tx, body, meta.actor));
  }
}
