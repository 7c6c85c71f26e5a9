import { Module } from '@nestjs/common';
import { PublicCatalogueController } from './public-catalogue.controller';

/** Read-only routes under /api/v1/public for the disclosure portal and the public. */
@Module({ controllers: [PublicCatalogueController] })
export class PublicCatalogueModule {}
