import { Injectable } from '@nestjs/common';
import type { PublicationDiff, PublicationRef, RequestMeta } from '@gongkai/contracts';
import { PublicationReaders } from '../../access/publication-readers';
import { isPublishedState } from '../publication-views';
import { PrismaService } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { PublicationsRepository, type PublicationRecord } from '../publications.repository';
import { diffLines } from '@gongkai/text-diff';

const COMPARED_FIELDS = ['title', 'summary', 'documents', 'attachments', 'channels', 'publisher'] as const;

/** What a diff reads of a version. */
export type DiffedVersion = Pick<
  PublicationRecord,
  'id' | 'version' | 'body' | (typeof COMPARED_FIELDS)[number]
>;

/**
 * What changed: a published version against the version before it; a version not yet published
 * (or withdrawn before a successor) against the item's current one. Versions not published are
 * not found for callers who do not work on the item (PublicationReaders).
 */
@Injectable()
export class DiffPublicationUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly publicationReaders: PublicationReaders,
  ) {}

  async execute(query: PublicationRef, meta: RequestMeta): Promise<PublicationDiff> {
    const publication = await this.publicationsRepository.findForItem(
      this.prisma,
      query.itemId,
      query.publicationId,
    );
    // A draft's diff shows its unpublished text: only for those who work on the item.
    const visible =
      publication &&
      (isPublishedState(publication.state) || (await this.publicationReaders.seesWorkOf(meta, query.itemId)));
    if (!publication || !visible)
      throw CatalogueErrors.publicationNotFound(query.itemId, query.publicationId);
    return diffOf(publication, await this.previousOf(publication));
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

/** The fields that differ from `against` (everything, against nothing), and the body line by line. */
export function diffOf(publication: DiffedVersion, against: DiffedVersion | null): PublicationDiff {
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
