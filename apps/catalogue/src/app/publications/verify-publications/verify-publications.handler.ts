import { Controller } from '@nestjs/common';
import { CatalogueRpc, type ChainVerification } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ItemsRepository } from '../../items/items.repository';
import { PrismaService } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { checkChain } from '../publication-hash';
import { PublicationsRepository, hashedVersionOf } from '../publications.repository';

/**
 * Recomputes the item's hash chain from the rows as stored now and reports the first version that
 * does not match: an edit made to a published record outside the service shows up here.
 */
@Controller()
export class VerifyPublicationsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly itemsRepository: ItemsRepository,
    private readonly publicationsRepository: PublicationsRepository,
  ) {}

  @RpcHandler(CatalogueRpc.verifyPublications)
  async verify(call: RpcRequest<typeof CatalogueRpc.verifyPublications>): Promise<ChainVerification> {
    const { body } = call;
    if (!(await this.itemsRepository.findById(this.prisma, body.itemId))) {
      throw CatalogueErrors.itemNotFound(body.itemId);
    }
    const chain = await this.publicationsRepository.chain(this.prisma, body.itemId);
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
      itemId: body.itemId,
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
      verifiedAt: new Date().toISOString(),
    };
  }
}
