import { Controller } from '@nestjs/common';
import { CatalogueRpc, type RevisionCount } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PrismaService } from '../../prisma.service';
import { ResponsibilitiesRepository } from '../responsibilities.repository';

/**
 * 修订责任条目 N 条: revisions taking effect in the period (inclusive), not counting an item's first
 * assignment, which is a new entry rather than a revision of one.
 */
@Controller()
export class CountRevisionsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly responsibilitiesRepository: ResponsibilitiesRepository,
  ) {}

  @RpcHandler(CatalogueRpc.countRevisions)
  async count(call: RpcRequest<typeof CatalogueRpc.countRevisions>): Promise<RevisionCount> {
    const { body } = call;
    const rows = await this.responsibilitiesRepository.inPeriod(this.prisma, body.from, body.to);
    const revisions = rows.filter((row) => row.revisionNo > 1);
    return {
      from: body.from,
      to: body.to,
      revisions: revisions.length,
      itemsRevised: new Set(revisions.map((row) => row.itemId)).size,
      initialAssignments: rows.length - revisions.length,
      byTrigger: {
        manual: revisions.filter((row) => row.trigger !== 'reorganisation').length,
        reorganisation: revisions.filter((row) => row.trigger === 'reorganisation').length,
      },
    };
  }
}
