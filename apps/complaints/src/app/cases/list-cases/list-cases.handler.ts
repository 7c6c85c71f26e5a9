import { Controller } from '@nestjs/common';
import { ComplaintsRpc, type CaseSummary, type Page } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PrismaService } from '../../prisma.service';
import { toSummaryView } from '../case-views';
import { CasesRepository } from '../cases.repository';
import { Clock } from '@gongkai/service-kit';

/**
 * Cases newest first. The gateway decided complaints.case.read for `departmentId` (school-wide
 * without it). Lists never carry the requester's contact, and the name only masked.
 */
@Controller()
export class ListCasesHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly casesRepository: CasesRepository,
    private readonly clock: Clock,
  ) {}

  @RpcHandler(ComplaintsRpc.listCases)
  async list({ body }: RpcRequest<typeof ComplaintsRpc.listCases>): Promise<Page<CaseSummary>> {
    const now = this.clock.now();
    const rows = await this.casesRepository.list(this.prisma, body, now);
    const page = rows.slice(0, body.limit);
    const names = await this.casesRepository.requesterNames(
      this.prisma,
      page.map((row) => row.id),
    );
    const last = page[page.length - 1];
    return {
      items: page.map((row) => toSummaryView(row, names.get(row.id) ?? null, now)),
      nextCursor: rows.length > body.limit && last ? `${last.receivedAt.toISOString()}|${last.id}` : null,
    };
  }
}
