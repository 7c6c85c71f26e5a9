import { Module } from '@nestjs/common';
import { PublicCatalogueModule } from '../public/public-catalogue.module';
import { CatalogueItemsController } from './catalogue-items.controller';
import { CataloguePublicationsController } from './catalogue-publications.controller';
import { CatalogueResponsibilitiesController } from './catalogue-responsibilities.controller';

/** Thin routes to the catalogue service (one NATS request each), and its public read-only face. */
@Module({
  imports: [PublicCatalogueModule],
  controllers: [
    CatalogueItemsController,
    CatalogueResponsibilitiesController,
    CataloguePublicationsController,
  ],
})
export class CatalogueModule {}
