import { Controller } from '@nestjs/common';
import { ReportsRpc, type ProblemsTextHistory } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PrismaService } from '../../prisma.service';
import { TextsRepository } from '../texts.repository';

@Controller()
export class GetProblemsTextHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly textsRepository: TextsRepository,
  ) {}

  @RpcHandler(ReportsRpc.getProblemsText)
  get({ body }: RpcRequest<typeof ReportsRpc.getProblemsText>): Promise<ProblemsTextHistory> {
    return this.textsRepository.history(this.prisma, body.academicYear);
  }
}
