import { Controller } from '@nestjs/common';
import { ComplaintsRpc } from '@gongkai/contracts';
import { RpcHandler } from '@gongkai/messaging';
import { PrismaService } from '../../prisma.service';
import { WeightsRepository } from '../weights.repository';

@Controller()
export class ListWeightsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly weightsRepository: WeightsRepository,
  ) {}

  @RpcHandler(ComplaintsRpc.listScoreWeights)
  async list() {
    return { items: await this.weightsRepository.list(this.prisma) };
  }
}
