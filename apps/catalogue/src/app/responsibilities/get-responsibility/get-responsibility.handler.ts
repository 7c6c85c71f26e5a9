import { Controller } from '@nestjs/common';
import { CatalogueRpc, type ResponsibilityView } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ItemsRepository } from '../../items/items.repository';
import { PrismaService } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { todayInShanghai } from '../../shared/time';
import { ResponsibilitiesRepository } from '../responsibilities.repository';

/** Who is (or was, `?at=`) responsible for an item, with the full history. */
@Controller()
export class GetResponsibilityHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly itemsRepository: ItemsRepository,
    private readonly responsibilitiesRepository: ResponsibilitiesRepository,
  ) {}

  @RpcHandler(CatalogueRpc.getResponsibility)
  async get(call: RpcRequest<typeof CatalogueRpc.getResponsibility>): Promise<ResponsibilityView> {
    const { body } = call;
    if (!(await this.itemsRepository.findById(this.prisma, body.itemId))) {
      throw CatalogueErrors.itemNotFound(body.itemId);
    }
    const at = body.at ?? todayInShanghai();
    const history = await this.responsibilitiesRepository.history(this.prisma, body.itemId);
    return { itemId: body.itemId, at, responsible: responsibleOn(history, at), history };
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
