import { Controller } from '@nestjs/common';
import { ComplaintsRpc, type CaseMetrics } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { CasesRepository } from '../../cases/cases.repository';
import { PrismaService } from '../../prisma.service';
import { periodOf } from '../../shared/period';
import { figuresOf, groupRows } from '../case-figures';
import { Clock } from '@gongkai/service-kit';

/** GET /cases/metrics: the figures of the cases received in a period, computed now from their states. */
@Controller()
export class GetMetricsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly casesRepository: CasesRepository,
    private readonly clock: Clock,
  ) {}

  @RpcHandler(ComplaintsRpc.metrics)
  async metrics({ body }: RpcRequest<typeof ComplaintsRpc.metrics>): Promise<CaseMetrics> {
    const asOf = this.clock.now();
    const period = periodOf(body.from, body.to);
    const rows = (await this.casesRepository.receivedBetween(this.prisma, period.start, period.end)).filter(
      (row) => row.kind === body.kind,
    );
    return {
      from: body.from,
      to: body.to,
      kind: body.kind,
      asOf: asOf.toISOString(),
      total: figuresOf(rows, asOf),
      groupBy: body.groupBy ?? null,
      groups: body.groupBy
        ? [...groupRows(rows, body.groupBy).entries()].map(([key, group]) => ({
            key,
            ...figuresOf(group, asOf),
          }))
        : [],
    };
  }
}
