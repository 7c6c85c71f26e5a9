import { Controller } from '@nestjs/common';
import { CatalogueRpc, type Publication } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PublicationReaders } from '../../access/publication-readers';
import { PrismaService } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { isPublishedState, publishedView } from '../publication-views';
import { PublicationsRepository, toPublication } from '../publications.repository';

/** One publication; a version not published is not found for those who do not work on the item. */
@Controller()
export class GetPublicationHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly publicationReaders: PublicationReaders,
  ) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.getPublication)
  async get({ meta, body }: RpcRequest<typeof CatalogueRpc.getPublication>): Promise<Publication> {
    const publication = await this.publicationsRepository.findForItem(
      this.prisma,
      body.itemId,
      body.publicationId,
    );
    if (!publication) throw CatalogueErrors.publicationNotFound(body.itemId, body.publicationId);
    if (await this.publicationReaders.seesWorkOf(meta, body.itemId)) return toPublication(publication);
    if (!isPublishedState(publication.state)) {
      throw CatalogueErrors.publicationNotFound(body.itemId, body.publicationId);
    }
    return publishedView(toPublication(publication));
  }
}
