import { Controller } from '@nestjs/common';
import { ComplaintsRpc } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { Clock, UnitOfWork } from '@gongkai/service-kit';
import { CaseIntake } from '../../cases/case-intake.use-case';
import type { ComplaintsTx } from '../../prisma.service';

/** POST /public/cases: a web submission without an account; answers the tracking number and code once. */
@Controller()
export class SubmitCaseHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly caseIntake: CaseIntake,
    private readonly clock: Clock,
  ) {}

  @RpcHandler(ComplaintsRpc.publicSubmit)
  async submit({ meta, body }: RpcRequest<typeof ComplaintsRpc.publicSubmit>) {
    const now = this.clock.now();
    const { row, verificationCode } = await this.unitOfWork.run((tx: ComplaintsTx) =>
      this.caseIntake.receive(tx, { ...body, source: 'web', receivedAt: now }, meta, now),
    );
    return { trackingNo: row.trackingNo, verificationCode, receivedAt: row.receivedAt.toISOString() };
  }
}
