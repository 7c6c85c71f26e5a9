import { Injectable } from '@nestjs/common';
import type { Page, Publication, RequestMeta, SearchPublicationsQuery } from '@gongkai/contracts';
import { fitPageToBytes } from '@gongkai/messaging';
import { Clock } from '@gongkai/service-kit';
import { PublicationReaders } from '../../access/publication-readers';
import { PrismaService } from '../../prisma.service';
import { ResponsibilitiesRepository } from '../../responsibilities/responsibilities.repository';
import { todayInShanghai } from '../../shared/time';
import { PUBLISHED_STATES, publishedView } from '../publication-views';
import { PublicationsRepository, toPublication, type PublicationSearch } from '../publications.repository';

/**
 * Publications of every item by keyword, category, responsible department, channel, state; newest
 * first. A department finds the items it is responsible for today, as lead or co-operating department.
 * What the caller sees (PublicationReaders): everything for the disclosure office; with a
 * `departmentId` the caller works in, everything of the items that department leads; published
 * versions (without actors and reviewer) of everything else.
 */
@Injectable()
export class SearchPublicationsUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly responsibilitiesRepository: ResponsibilitiesRepository,
    private readonly publicationReaders: PublicationReaders,
  ) {}

  async execute(query: SearchPublicationsQuery, meta: RequestMeta): Promise<Page<Publication>> {
    const { departmentId, ...search } = query;
    let itemIds: string[] | undefined;
    let ledItemIds: string[] = [];
    if (departmentId) {
      const responsible = await this.responsibilitiesRepository.asOf(
        this.prisma,
        null,
        todayInShanghai(this.clock.now()),
      );
      const revisions = [...responsible.values()];
      itemIds = revisions
        .filter(
          (revision) =>
            revision.leadDepartmentId === departmentId || revision.coDepartmentIds.includes(departmentId),
        )
        .map((revision) => revision.itemId);
      ledItemIds = revisions
        .filter((revision) => revision.leadDepartmentId === departmentId)
        .map((revision) => revision.itemId);
    }
    const worksEverywhere = await this.publicationReaders.worksIn(meta, null);
    let visibility: PublicationSearch['visibility'];
    if (!worksEverywhere) {
      const worksInDepartment = departmentId
        ? await this.publicationReaders.worksIn(meta, departmentId)
        : false;
      visibility = {
        visibleStates: PUBLISHED_STATES,
        allStatesOfItemIds: worksInDepartment ? ledItemIds : [],
      };
    }
    const page = await this.publicationsRepository.search(this.prisma, { ...search, itemIds, visibility });
    const open = new Set(visibility?.allStatesOfItemIds ?? []);
    const items = page.items.map((record) => {
      const publication = toPublication(record);
      return !visibility || open.has(record.itemId) ? publication : publishedView(publication);
    });
    return fitPageToBytes({ items, nextCursor: page.nextCursor }, (publication) => publication.id);
  }
}
