import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import { ProjectionsRepository } from './projections.repository';

const BATCH = 500;

/**
 * Folds, once at start, the cases whose events were projected before `report_case` existed (an
 * installation upgraded from an earlier version), in the background: new events fold as they come.
 */
@Injectable()
export class CaseFoldBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(CaseFoldBackfill.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly projectionsRepository: ProjectionsRepository,
  ) {}

  onApplicationBootstrap(): void {
    void this.run().catch((error: unknown) =>
      this.logger.error(
        `Folding earlier cases failed; \`npm run reports:rebuild\` folds every case again: ${String(error)}`,
      ),
    );
  }

  async run(): Promise<number> {
    let folded = 0;
    let after: string | null = null;
    for (;;) {
      const caseIds: string[] = await this.projectionsRepository.unfoldedCaseIds(this.prisma, after, BATCH);
      if (caseIds.length === 0) break;
      after = caseIds.at(-1) ?? null;
      await this.projectionsRepository.refoldCases(this.prisma, caseIds);
      folded += caseIds.length;
    }
    if (folded > 0) this.logger.log(`Folded ${folded} cases projected before report_case existed`);
    return folded;
  }
}
