import { Injectable } from '@nestjs/common';
import type { ProblemsTextHistory, RequestMeta } from '@gongkai/contracts';
import { Clock, UnitOfWork } from '@gongkai/service-kit';
import type { ReportsTx } from '../../prisma.service';
import { TextsRepository } from '../texts.repository';

/**
 * Saves a new version of a year's problems-and-improvements text (the earlier ones stay). It is
 * the service's own data, not a projection: a rebuild keeps it.
 */
@Injectable()
export class PutProblemsTextUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly textsRepository: TextsRepository,
    private readonly clock: Clock,
  ) {}

  execute(body: { academicYear: string; text: string }, meta: RequestMeta): Promise<ProblemsTextHistory> {
    return this.unitOfWork.run(async (tx: ReportsTx) => {
      await this.textsRepository.addVersion(tx, {
        academicYear: body.academicYear,
        text: body.text,
        savedBy: `${meta.actor.kind}:${meta.actor.onBehalfOf ?? meta.actor.id}`,
        savedAt: this.clock.now(),
      });
      return this.textsRepository.history(tx, body.academicYear);
    });
  }
}
