import { Controller } from '@nestjs/common';
import { ComplaintsRpc, type PublicCaseView, ComplaintsErrorReasons } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { verificationMatches } from '../../cases/tracking';
import { CasesRepository } from '../../cases/cases.repository';
import { PrismaService } from '../../prisma.service';
import { clockOf } from '../../sla/case-clock';
import { ComplaintsErrors } from '../../shared/complaints.errors';
import { Clock } from '@gongkai/service-kit';

/**
 * GET /public/cases/{trackingNo}: status and public entries only (replies, public notes, a correction notice, the decision letter). An unknown number and a wrong
 * code get the same answer, so the page reveals nothing about which cases exist.
 */
@Controller()
export class TrackCaseHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly casesRepository: CasesRepository,
    private readonly clock: Clock,
  ) {}

  @RpcHandler(ComplaintsRpc.publicTrack)
  async track({ body }: RpcRequest<typeof ComplaintsRpc.publicTrack>): Promise<PublicCaseView> {
    const row = await this.casesRepository.findByTrackingNo(this.prisma, body.trackingNo);
    if (!row || !verificationMatches(row.id, body.verificationCode, row.verificationHash)) {
      throw ComplaintsErrors.because(
        ComplaintsErrorReasons.CASE_NOT_TRACKABLE,
        'No case answers to this tracking number and verification code; check both',
      );
    }
    const entries = await this.casesRepository.entries(this.prisma, row.id);
    return {
      trackingNo: row.trackingNo,
      kind: row.kind as PublicCaseView['kind'],
      title: row.title,
      status: row.status as PublicCaseView['status'],
      receivedAt: row.receivedAt.toISOString(),
      dueAt: clockOf(row, this.clock.now()).dueAt?.toISOString() ?? null,
      closedAt: row.closedAt?.toISOString() ?? null,
      replies: entries
        .filter((entry) => entry.visibility === 'public' && entry.text)
        .map((entry) => ({ at: entry.occurredAt.toISOString(), text: entry.text as string })),
    };
  }
}
