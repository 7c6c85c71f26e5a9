import { Controller } from '@nestjs/common';
import { ComplaintsRpc, type Ranking } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { CasesRepository } from '../../cases/cases.repository';
import { PrismaService } from '../../prisma.service';
import { periodOf } from '../../shared/period';
import { figuresOf, groupRows, weightedScore } from '../case-figures';
import { INITIAL_WEIGHTS, WeightsRepository } from '../weights.repository';
import { Clock } from '@gongkai/service-kit';

/**
 * GET /cases/ranking: each lead department's weighted score of its complaints received in the
 * period, with the weights version in force on the period's last day; departments without a score
 * (nothing called back) come last, unranked.
 */
@Controller()
export class RankingHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly casesRepository: CasesRepository,
    private readonly weightsRepository: WeightsRepository,
    private readonly clock: Clock,
  ) {}

  @RpcHandler(ComplaintsRpc.ranking)
  async ranking({ body }: RpcRequest<typeof ComplaintsRpc.ranking>): Promise<Ranking> {
    const asOf = this.clock.now();
    const period = periodOf(body.from, body.to);
    const weights = (await this.weightsRepository.inForce(this.prisma, body.to)) ?? {
      ...INITIAL_WEIGHTS,
      version: 0,
      note: 'built-in default',
      createdAt: new Date(0).toISOString(),
    };
    const rows = (await this.casesRepository.receivedBetween(this.prisma, period.start, period.end)).filter(
      (row) => row.kind === 'complaint' && row.leadDepartmentId !== null,
    );
    const scored = [...groupRows(rows, 'department').entries()].map(([departmentId, group]) => {
      const figures = figuresOf(group, asOf);
      return {
        departmentId: departmentId as string,
        responseRate: figures.responseRate,
        resolutionRate: figures.resolutionRate,
        satisfactionRate: figures.satisfactionRate,
        score: weightedScore(figures, weights),
        received: figures.received,
      };
    });
    scored.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.departmentId.localeCompare(b.departmentId));
    let rank = 0;
    return {
      from: body.from,
      to: body.to,
      weights,
      departments: scored.map((entry) => ({ ...entry, rank: entry.score === null ? null : (rank += 1) })),
    };
  }
}
