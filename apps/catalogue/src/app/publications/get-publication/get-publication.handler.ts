import { Controller } from '@nestjs/common';
import { CatalogueRpc, type Publication } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PrismaService } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { PublicationsRepository, toPublication } from '../publications.repository';

@Controller()
export class GetPublicationHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly publicationsRepository: PublicationsRepository,
  ) {}

  @RpcHandler(CatalogueRpc.getPublication)
  async get(call: RpcRequest<typeof CatalogueRpc.getPublication>): Promise<Publication> {
    const { body } = call;
    const publication = await this.publicationsRepository.findForItem(
      this.prisma,
      body.itemId,
      body.publicationId,
    );
    if (!publication) throw CatalogueErrors.publicationNotFound(body.itemId, body.publicationId);
    return toPublication(publication);
  }
}
