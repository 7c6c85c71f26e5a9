import { Injectable } from '@nestjs/common';
import type { GetResponsibility, ResponsibilityView } from '@gongkai/contracts';
import { Clock } from '@gongkai/service-kit';
import { ItemsRepository } from '../../items/items.repository';
import { PrismaService } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { todayInShanghai } from '../../shared/time';
import { ResponsibilitiesRepository } from '../responsibilities.repository';

/** Who is (or was, `?at=`) responsible for an item, with the full history. */
@Injectable()
export class GetResponsibilityUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly itemsRepository: ItemsRepository,
    private readonly responsibilitiesRepository: ResponsibilitiesRepository,
  ) {}

  async execute(query: GetResponsibility): Promise<ResponsibilityView> {
    if (!(await this.itemsRepository.findById(this.prisma, query.itemId))) {
      throw CatalogueErrors.itemNotFound(query.itemId);
    }
    const at = query.at ?? todayInShanghai(this.clock.now());
    const history = await this.responsibilitiesRepository.history(this.prisma, query.itemId);
    return { itemId: query.itemId, at, responsible: responsibleOn(history, at), history };
  }
}

/** The revision in force on `date`: the latest effective date not after it, then the latest recorded. */
export function responsibleOn<T extends { effectiveDate: string; revisionNo: number }>(
  history: readonly T[],
  date: string,
): T | null {
  let found: T | null = null;
  for (const revision of history) {
    if (revision.effectiveDate > date) continue;
    if (
      !found ||
      revision.effectiveDate > found.effectiveDate ||
      (revision.effectiveDate === found.effectiveDate && revision.revisionNo > found.revisionNo)
    ) {
      found = revision;
    }
  }
  return found;
}
