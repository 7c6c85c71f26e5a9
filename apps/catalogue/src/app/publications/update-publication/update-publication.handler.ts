import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogueSubjects, UpdatePublicationSchema, type Publication } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { ItemAccess } from '../../access/item-access';
import { PrismaService } from '../../prisma.service';
import { businessTime } from '../../shared/time';
import { PublicationAccess } from '../publication-access';
import { PublicationsRepository, toPublication } from '../publications.repository';

/** Only drafts change: once submitted, a publication is what the reviewers see. */
@Controller()
export class UpdatePublicationHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly itemAccess: ItemAccess,
    private readonly publicationAccess: PublicationAccess,
    private readonly publicationsRepository: PublicationsRepository,
  ) {}

  @MessagePattern(CatalogueSubjects.updatePublication)
  async update(@Payload() payload: unknown): Promise<Publication> {
    const { meta, body } = parseRequest(UpdatePublicationSchema, payload);
    await this.itemAccess.assertMay(meta, 'catalogue.item.update', body.itemId);
    const { informationChangedAt, ...changes } = body.changes;
    return this.prisma.$transaction(async (tx) => {
      const { publication } = await this.publicationAccess.forTransition(tx, body, {
        states: ['draft'],
        action: 'edited',
      });
      const updated = await this.publicationsRepository.update(tx, publication.id, {
        ...changes,
        ...(informationChangedAt === undefined
          ? {}
          : {
              informationChangedAt:
                informationChangedAt === null
                  ? null
                  : businessTime(informationChangedAt, 'informationChangedAt'),
            }),
      });
      return toPublication(updated);
    });
  }
}
