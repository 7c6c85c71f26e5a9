import { Injectable } from '@nestjs/common';
import type { CountRevisionsQuery, RevisionCount, RevisionTrigger } from '@gongkai/contracts';
import { PrismaService } from '../../prisma.service';
import { ResponsibilitiesRepository } from '../responsibilities.repository';

/** 修订责任条目 N 条, for the annual report: the revisions taking effect in the period (inclusive). */
@Injectable()
export class CountRevisionsUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly responsibilitiesRepository: ResponsibilitiesRepository,
  ) {}

  async execute(query: CountRevisionsQuery): Promise<RevisionCount> {
    const rows = await this.responsibilitiesRepository.inPeriod(this.prisma, query.from, query.to);
    return { from: query.from, to: query.to, ...countRevisions(rows) };
  }
}

/**
 * An item's first assignment is a new entry, not a revision of one: it counts apart. A revision
 * is a reorganisation's, or else manual.
 */
export function countRevisions(
  rows: readonly { itemId: string; revisionNo: number; trigger: RevisionTrigger }[],
): Omit<RevisionCount, 'from' | 'to'> {
  const revisions = rows.filter((row) => row.revisionNo > 1);
  return {
    revisions: revisions.length,
    itemsRevised: new Set(revisions.map((row) => row.itemId)).size,
    initialAssignments: rows.length - revisions.length,
    byTrigger: {
      manual: revisions.filter((row) => row.trigger !== 'reorganisation').length,
      reorganisation: revisions.filter((row) => row.trigger === 'reorganisation').length,
    },
  };
}
