import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogueSubjects, SecrecyReviewPublicationSchema, type Publication } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { ItemAccess } from '../../access/item-access';
import { PrismaService } from '../../prisma.service';
import { PublicationAccess } from '../publication-access';
import { PublicationsRepository, toPublication } from '../publications.repository';

/**
 * 保密审查: the rules require a named reviewer to clear every publication before it goes out.
 * `cleared` makes it publishable; `returned` sends it back to draft with the reviewer's note.
 */
@Controller()
export class SecrecyReviewPublicationHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly itemAccess: ItemAccess,
    private readonly publicationAccess: PublicationAccess,
    private readonly publicationsRepository: PublicationsRepository,
  ) {}

  @MessagePattern(CatalogueSubjects.secrecyReviewPublication)
  async review(@Payload() payload: unknown): Promise<Publication> {
    const { meta, body } = parseRequest(SecrecyReviewPublicationSchema, payload);
    await this.itemAccess.assertMay(meta, 'catalogue.publication.secrecy_review', body.itemId);
    return this.prisma.$transaction(async (tx) => {
      const { publication } = await this.publicationAccess.forTransition(tx, body, {
        states: ['in_review'],
        action: 'secrecy-reviewed',
      });
      const reviewed = await this.publicationsRepository.update(tx, publication.id, {
        state: body.decision === 'cleared' ? 'secrecy_reviewed' : 'draft',
        secrecyReviewer: body.reviewer,
        secrecyDecision: body.decision,
        secrecyNote: body.note ?? null,
        secrecyReviewedBy: meta.actor,
        secrecyReviewedAt: new Date(),
      });
      return toPublication(reviewed);
    });
  }
}
