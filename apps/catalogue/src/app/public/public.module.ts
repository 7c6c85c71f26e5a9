import { Module } from '@nestjs/common';
import { CatalogueCoreModule } from '../catalogue-core.module';
import { GetPublicItemHandler } from './get-public-item/get-public-item.handler';
import { PublicCatalogueHandler } from './public-catalogue/public-catalogue.handler';

@Module({ imports: [CatalogueCoreModule], controllers: [PublicCatalogueHandler, GetPublicItemHandler] })
export class PublicModule {}
