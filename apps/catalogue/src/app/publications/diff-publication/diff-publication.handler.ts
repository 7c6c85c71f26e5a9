import { Controller } from '@nestjs/common';
import { CatalogueRpc, type PublicationDiff } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { DiffPublicationUseCase } from './diff-publication.use-case';

@Controller()
export class DiffPublicationHandler {
  constructor(private readonly diffPublication: DiffPublicationUseCase) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.diffPublication)
  diff({ meta, body }: RpcRequest<typeof CatalogueRpc.diffPublication>): Promise<PublicationDiff> {
    return this.diffPublication.execute(body, meta);
  }
}
