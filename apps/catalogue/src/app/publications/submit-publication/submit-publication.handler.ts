import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogueSubjects, SubmitPublicationSchema, type Publication } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { ItemAccess } from '../../access/item-access';
import { PrismaService } from '../../prisma.service';
import { PublicationAccess } from '../publication-access';
import { PublicationsRepository, toPublication } from '../publications.repository';

@Controller()
export class SubmitPublicationHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly itemAccess: ItemAccess,
    private readonly publicationAccess: PublicationAccess,
    private readonly publicationsRepository: PublicationsRepository,
  ) {}

  @MessagePattern(CatalogueSubjects.submitPublication)
  async submit(@Payload() payload: unknown): Promise<Publication> {
    const { meta, body } = parseRequest(SubmitPublicationSchema, payload);
    await this.itemAccess.assertMay(meta, 'catalogue.item.update', body.itemId);
    return this.prisma.$transaction(async (tx) => {
      const { publication } = await this.publicationAccess.forTransition(tx, body, {
        states: ['draft'],
        action: 'submitted for review',
      });
      const submitted = await this.publicationsRepository.update(tx, publication.id, {
        state: 'in_review',
        submittedAt: new Date(),
        submittedBy: meta.actor,
      });
      return toPublication(submitted);
    });
  }
}
