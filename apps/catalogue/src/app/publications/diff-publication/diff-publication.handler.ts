import { Controller } from '@nestjs/common';
import { CatalogueRpc, type PublicationDiff } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PrismaService } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { PublicationsRepository, type PublicationRecord } from '../publications.repository';
import { diffLines } from '@gongkai/text-diff';

const COMPARED_FIELDS = ['title', 'summary', 'documents', 'attachments', 'channels', 'publisher'] as const;

/**
 * What changed: a published version against the version before it; a version not yet published
 * (or withdrawn before a successor) against the item's current one.
 */
@Controller()
export class DiffPublicationHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly publicationsRepository: PublicationsRepository,
  ) {}

  @RpcHandler(CatalogueRpc.diffPublication)
  async diff(call: RpcRequest<typeof CatalogueRpc.diffPublication>): Promise<PublicationDiff> {
    const { body } = call;
    const publication = await this.publicationsRepository.findForItem(
      this.prisma,
      body.itemId,
      body.publicationId,
    );
    if (!publication) throw CatalogueErrors.publicationNotFound(body.itemId, body.publicationId);
    const against = await this.previousOf(publication);
    return {
      publicationId: publication.id,
      version: publication.version,
      against:
        against && against.version !== null ? { publicationId: against.id, version: against.version } : null,
      changes: COMPARED_FIELDS.flatMap((field) => {
        const before = against ? against[field] : null;
        const after = publication[field];
        return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field, before, after }];
      }),
      bodyDiff: diffLines(against?.body ?? '', publication.body),
    };
  }

  private async previousOf(publication: PublicationRecord): Promise<PublicationRecord | null> {
    if (publication.version !== null) {
      return publication.version > 1
        ? this.publicationsRepository.byVersion(this.prisma, publication.itemId, publication.version - 1)
        : null;
    }
    return this.publicationsRepository.current(this.prisma, publication.itemId);
  }
}
