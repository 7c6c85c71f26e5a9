import { Module } from '@nestjs/common';
import { CatalogueCoreModule } from '../catalogue-core.module';
import { CreatePublicationHandler } from './create-publication/create-publication.handler';
import { DiffPublicationHandler } from './diff-publication/diff-publication.handler';
import { GetPublicationHandler } from './get-publication/get-publication.handler';
import { ListPublicationsHandler } from './list-publications/list-publications.handler';
import { PublishPublicationHandler } from './publish-publication/publish-publication.handler';
import { SearchPublicationsHandler } from './search-publications/search-publications.handler';
import { SecrecyReviewPublicationHandler } from './secrecy-review-publication/secrecy-review-publication.handler';
import { SubmitPublicationHandler } from './submit-publication/submit-publication.handler';
import { TaskApprovedConsumer } from './task-approved/task-approved.consumer';
import { UpdatePublicationHandler } from './update-publication/update-publication.handler';
import { VerifyPublicationsHandler } from './verify-publications/verify-publications.handler';
import { WithdrawPublicationHandler } from './withdraw-publication/withdraw-publication.handler';

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
  providers: [TaskApprovedConsumer],
})
export class PublicationsModule {}
