import { Controller } from '@nestjs/common';
import { ComplaintsRpc } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { CasesRepository } from '../../cases/cases.repository';
import { PrismaService } from '../../prisma.service';
import { periodOf } from '../../shared/period';
import { applicationTable } from '../application-table';

/** GET /cases/application-table: the standard table of applications for a period, by business time. */
@Controller()
export class ApplicationTableHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly casesRepository: CasesRepository,
  ) {}

  @RpcHandler(ComplaintsRpc.applicationTable)
  async table({ body }: RpcRequest<typeof ComplaintsRpc.applicationTable>) {
    const period = periodOf(body.from, body.to);
    const applications = await this.casesRepository.receivedUpTo(this.prisma, 'application', period.end);
    return applicationTable(applications, period);
  }
}
