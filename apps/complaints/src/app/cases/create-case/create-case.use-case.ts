import { Injectable } from '@nestjs/common';
import type { CreateCase, RequestMeta } from '@gongkai/contracts';
import { businessTimeOf, Clock, UnitOfWork } from '@gongkai/service-kit';
import type { ComplaintsTx } from '../../prisma.service';
import { CaseIntake } from '../case-intake.use-case';
import { toCaseView } from '../case-views';

/** POST /cases: staff or a campus system enters a case (a call, a letter, an email, a city ticket). */
@Injectable()
export class CreateCaseUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly caseIntake: CaseIntake,
    private readonly clock: Clock,
  ) {}

  async execute(meta: RequestMeta, body: CreateCase) {
    const now = this.clock.now();
    const receivedAt = businessTimeOf(body.occurredAt, now);
    return this.unitOfWork.run(async (tx: ComplaintsTx) => {
      const { row, verificationCode, entries } = await this.caseIntake.receive(
        tx,
        {
          ...body,
          cityDueAt: body.cityDueAt ? new Date(body.cityDueAt) : undefined,
          receivedAt,
        },
        meta,
        now,
      );
      // The reply to a step never shows personal data; GET /cases/{id} does, to those allowed.
      return {
        case: toCaseView(row, { requester: body.requester, mayReadPersonal: false, entries, now }),
        verificationCode,
      };
    });
  }
}
