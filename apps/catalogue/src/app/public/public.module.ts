import { Module } from '@nestjs/common';
import { CatalogueCoreModule } from '../catalogue-core.module';
import { GetPublicItemHandler } from './get-public-item/get-public-item.handler';
import { GetPublicItemUseCase } from './get-public-item/get-public-item.use-case';
import { PublicCatalogueHandler } from './public-catalogue/public-catalogue.handler';
import { PublicCatalogueUseCase } from './public-catalogue/public-catalogue.use-case';

@Module({
  imports: [CatalogueCoreModule],
  controllers: [PublicCatalogueHandler, GetPublicItemHandler],
  providers: [PublicCatalogueUseCase, GetPublicItemUseCase],
})
export class PublicModule {}
