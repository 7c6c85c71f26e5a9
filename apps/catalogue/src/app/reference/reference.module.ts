import { Module } from '@nestjs/common';
import { CatalogueCoreModule } from '../catalogue-core.module';
import { ReferenceLoader } from './reference-loader';
import { ReferenceRepository } from './reference.repository';

/** Loads the Ministry list at boot (before the service answers requests). */
@Module({ imports: [CatalogueCoreModule], providers: [ReferenceRepository, ReferenceLoader] })
export class ReferenceModule {}
