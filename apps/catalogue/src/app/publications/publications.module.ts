import { Module } from '@nestjs/common';
import { CatalogueCoreModule } from '../catalogue-core.module';
import { CreatePublicationHandler } from './create-publication/create-publication.handler';
import { CreatePublicationUseCase } from './create-publication/create-publication.use-case';
import { DiffPublicationHandler } from './diff-publication/diff-publication.handler';
import { DiffPublicationUseCase } from './diff-publication/diff-publication.use-case';
import { GetPublicationHandler } from './get-publication/get-publication.handler';
import { ListPublicationsHandler } from './list-publications/list-publications.handler';
import { PublishPublicationHandler } from './publish-publication/publish-publication.handler';
import { PublishPublicationUseCase } from './publish-publication/publish-publication.use-case';
import { SearchPublicationsHandler } from './search-publications/search-publications.handler';
import { SearchPublicationsUseCase } from './search-publications/search-publications.use-case';
import { SecrecyReviewPublicationHandler } from './secrecy-review-publication/secrecy-review-publication.handler';
import { SecrecyReviewPublicationUseCase } from './secrecy-review-publication/secrecy-review-publication.use-case';
import { SubmitPublicationHandler } from './submit-publication/submit-publication.handler';
import { SubmitPublicationUseCase } from './submit-publication/submit-publication.use-case';
import { TaskApprovedConsumer } from './task-approved/task-approved.consumer';
import { TaskApprovedUseCase } from './task-approved/task-approved.use-case';
import { UpdatePublicationHandler } from './update-publication/update-publication.handler';
import { UpdatePublicationUseCase } from './update-publication/update-publication.use-case';
import { VerifyPublicationsHandler } from './verify-publications/verify-publications.handler';
import { VerifyPublicationsUseCase } from './verify-publications/verify-publications.use-case';
import { WithdrawPublicationHandler } from './withdraw-publication/withdraw-publication.handler';
import { WithdrawPublicationUseCase } from './withdraw-publication/withdraw-publication.use-case';

@Module({
  imports: [CatalogueCoreModule],
  controllers: [
    ListPublicationsHandler,
    SearchPublicationsHandler,
    GetPublicationHandler,
    CreatePublicationHandler,
    UpdatePublicationHandler,
    SubmitPublicationHandler,
    SecrecyReviewPublicationHandler,
    PublishPublicationHandler,
    WithdrawPublicationHandler,
    DiffPublicationHandler,
    VerifyPublicationsHandler,
  ],
  providers: [
    SearchPublicationsUseCase,
    CreatePublicationUseCase,
    UpdatePublicationUseCase,
    SubmitPublicationUseCase,
    SecrecyReviewPublicationUseCase,
    PublishPublicationUseCase,
    WithdrawPublicationUseCase,
    DiffPublicationUseCase,
    VerifyPublicationsUseCase,
    TaskApprovedUseCase,
    TaskApprovedConsumer,
  ],
})
export class PublicationsModule {}
