import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogueSubjects, PublicationRefSchema, type Publication } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { PrismaService } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { PublicationsRepository, toPublication } from '../publications.repository';

@Controller()
export class GetPublicationHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly publicationsRepository: PublicationsRepository,
  ) {}

  @MessagePattern(CatalogueSubjects.getPublication)
  async get(@Payload() payload: unknown): Promise<Publication> {
    const { body } = parseRequest(PublicationRefSchema, payload);
    const publication = await this.publicationsRepository.findForItem(
      this.prisma,
      body.itemId,
      body.publicationId,
    );
    if (!publication) throw CatalogueErrors.publicationNotFound(body.itemId, body.publicationId);
    return toPublication(publication);
  }
}
