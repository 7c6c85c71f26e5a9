import { Controller } from '@nestjs/common';
import { CatalogueRpc, type Publication } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { SecrecyReviewPublicationUseCase } from './secrecy-review-publication.use-case';
import { DecidesPermission } from '@gongkai/decisions';

@Controller()
export class SecrecyReviewPublicationHandler {
  constructor(private readonly secrecyReviewPublication: SecrecyReviewPublicationUseCase) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.secrecyReviewPublication)
  review({ meta, body }: RpcRequest<typeof CatalogueRpc.secrecyReviewPublication>): Promise<Publication> {
    return this.secrecyReviewPublication.execute(body, meta);
  }
}
