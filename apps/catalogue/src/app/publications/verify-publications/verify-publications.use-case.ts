import { Injectable } from '@nestjs/common';
import type { ChainVerification, ItemRef } from '@gongkai/contracts';
import { Clock } from '@gongkai/service-kit';
import { ItemsRepository } from '../../items/items.repository';
import { PrismaService } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { checkChain } from '../publication-hash';
import { PublicationsRepository, hashedVersionOf } from '../publications.repository';

/**
 * Recomputes the item's hash chain from the rows as stored now and reports the first version that
 * does not match: an edit made to a published record outside the service shows up here.
 */
@Injectable()
export class VerifyPublicationsUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly itemsRepository: ItemsRepository,
    private readonly publicationsRepository: PublicationsRepository,
  ) {}

  async execute(query: ItemRef): Promise<ChainVerification> {
    if (!(await this.itemsRepository.findById(this.prisma, query.itemId))) {
      throw CatalogueErrors.itemNotFound(query.itemId);
    }
    const chain = await this.publicationsRepository.chain(this.prisma, query.itemId);
    const checks = checkChain(
      chain.map((record) => ({
        publicationId: record.id,
        hashed: hashedVersionOf(record),
        contentHash: record.contentHash,
      })),
    );
    const broken = checks.find((check) => !check.ok);
    const brokenRecord = broken ? chain.find((record) => record.id === broken.publicationId) : undefined;
    return {
      itemId: query.itemId,
      intact: broken === undefined,
      checked: checks.length,
      versions: checks.map((check, index) => ({
        publicationId: check.publicationId,
        version: check.version,
        state: chain[index]!.state,
        contentHash: chain[index]!.contentHash,
        ok: check.ok,
      })),
      firstBroken:
        broken && broken.failure
          ? {
              publicationId: broken.publicationId,
              version: broken.version,
              failure: broken.failure,
              storedHash: brokenRecord?.contentHash ?? null,
              recomputedHash: broken.recomputedHash,
            }
          : null,
      verifiedAt: this.clock.now().toISOString(),
    };
  }
}
