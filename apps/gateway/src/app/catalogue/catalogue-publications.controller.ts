import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  CatalogueSubjects,
  ChainVerificationSchema,
  CreatePublicationBodySchema,
  ListPublicationsQuerySchema,
  PublicationDiffSchema,
  PublicationPageSchema,
  PublicationSchema,
  PublishBodySchema,
  SearchPublicationsQuerySchema,
  SecrecyReviewBodySchema,
  UpdatePublicationBodySchema,
  WithdrawBodySchema,
  type ChainVerification,
  type CreatePublicationBody,
  type Page,
  type Publication,
  type PublicationDiff,
  type PublishBody,
  type RequestMeta,
  type SearchPublicationsQuery,
  type SecrecyReviewBody,
  type UpdatePublicationBody,
  type WithdrawBody,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { Action, AuthenticatedOnly } from '../auth/auth.decorators';
import { Meta } from '../http/request-meta.decorator';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { ApiProblems, ApiZodQuery } from '../openapi/api-schemas';
import { itemIdPipe, publicationIdPipe } from './catalogue-id.pipe';
import {
  ApiCatalogueBody,
  ApiCatalogueReply,
  ApiItemParam,
  ApiPublicationParams,
  COMMAND_PROBLEMS,
  ITEM_DEPARTMENT,
  READ_PROBLEMS,
} from './catalogue.openapi';

/** Transitions without a body may also be sent with `{}`. */
const EmptyBodySchema = z.object({}).strict().optional();
const OptionalPublishBodySchema = PublishBodySchema.optional();
type ListPublicationsQuery = z.infer<typeof ListPublicationsQuerySchema>;

/**
 * An item's published versions: draft → in_review → secrecy_reviewed (保密审查, by a named
 * reviewer) → published → superseded / withdrawn. Published versions are hash-chained per item.
 */
@ApiTags('catalogue')
@Controller('catalogue')
export class CataloguePublicationsController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get('publications')
  @AuthenticatedOnly()
  @ApiOperation({
    summary: 'Search publications of every item (keyword, category, department, channel, state)',
  })
  @ApiZodQuery(SearchPublicationsQuerySchema)
  @ApiCatalogueReply(200, 'A page of publications, newest first', PublicationPageSchema)
  @ApiProblems(...READ_PROBLEMS)
  search(
    @Query(new ZodValidationPipe(SearchPublicationsQuerySchema, 'query')) query: SearchPublicationsQuery,
    @Meta() meta: RequestMeta,
  ): Promise<Page<Publication>> {
    return this.serviceClient.request<Page<Publication>>(CatalogueSubjects.searchPublications, query, meta);
  }

  @Get('items/:itemId/publications')
  @AuthenticatedOnly()
  @ApiOperation({ summary: 'An item’s publications, newest first' })
  @ApiItemParam()
  @ApiZodQuery(ListPublicationsQuerySchema)
  @ApiCatalogueReply(200, 'A page of publications', PublicationPageSchema)
  @ApiProblems(...READ_PROBLEMS)
  list(
    @Param('itemId', itemIdPipe) itemId: string,
    @Query(new ZodValidationPipe(ListPublicationsQuerySchema, 'query')) query: ListPublicationsQuery,
    @Meta() meta: RequestMeta,
  ): Promise<Page<Publication>> {
    return this.serviceClient.request<Page<Publication>>(
      CatalogueSubjects.listPublications,
      { itemId, ...query },
      meta,
    );
  }

  @Post('items/:itemId/publications')
  @Action('catalogue.item.update', ITEM_DEPARTMENT)
  @ApiOperation({ summary: 'Start an ad-hoc publication (a draft)' })
  @ApiItemParam()
  @ApiCatalogueBody(CreatePublicationBodySchema)
  @ApiCatalogueReply(201, 'The draft', PublicationSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  create(
    @Param('itemId', itemIdPipe) itemId: string,
    @Body(new ZodValidationPipe(CreatePublicationBodySchema, 'body')) body: CreatePublicationBody,
    @Meta() meta: RequestMeta,
  ): Promise<Publication> {
    return this.serviceClient.request<Publication>(
      CatalogueSubjects.createPublication,
      { itemId, ...body },
      meta,
    );
  }

  @Get('items/:itemId/publications/verify')
  @AuthenticatedOnly()
  @ApiOperation({
    summary: 'Check the item’s hash chain: is every published version as it was published?',
    description:
      'Recomputes the SHA-256 of each published version (its content and the previous version’s hash) ' +
      'and reports the first version that does not match, e.g. after a direct edit in the database.',
  })
  @ApiItemParam()
  @ApiCatalogueReply(200, 'The verification', ChainVerificationSchema)
  @ApiProblems(...READ_PROBLEMS)
  verify(@Param('itemId', itemIdPipe) itemId: string, @Meta() meta: RequestMeta): Promise<ChainVerification> {
    return this.serviceClient.request<ChainVerification>(
      CatalogueSubjects.verifyPublications,
      { itemId },
      meta,
    );
  }

  @Get('items/:itemId/publications/:publicationId')
  @AuthenticatedOnly()
  @ApiOperation({ summary: 'One publication' })
  @ApiPublicationParams()
  @ApiCatalogueReply(200, 'The publication', PublicationSchema)
  @ApiProblems(...READ_PROBLEMS)
  get(
    @Param('itemId', itemIdPipe) itemId: string,
    @Param('publicationId', publicationIdPipe) publicationId: string,
    @Meta() meta: RequestMeta,
  ): Promise<Publication> {
    return this.serviceClient.request<Publication>(
      CatalogueSubjects.getPublication,
      { itemId, publicationId },
      meta,
    );
  }

  @Patch('items/:itemId/publications/:publicationId')
  @Action('catalogue.item.update', ITEM_DEPARTMENT)
  @ApiOperation({ summary: 'Edit a draft' })
  @ApiPublicationParams()
  @ApiCatalogueBody(UpdatePublicationBodySchema)
  @ApiCatalogueReply(200, 'The draft as it is now', PublicationSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  update(
    @Param('itemId', itemIdPipe) itemId: string,
    @Param('publicationId', publicationIdPipe) publicationId: string,
    @Body(new ZodValidationPipe(UpdatePublicationBodySchema, 'body')) changes: UpdatePublicationBody,
    @Meta() meta: RequestMeta,
  ): Promise<Publication> {
    return this.serviceClient.request<Publication>(
      CatalogueSubjects.updatePublication,
      { itemId, publicationId, changes },
      meta,
    );
  }

  @Post('items/:itemId/publications/:publicationId/submit-for-review')
  @HttpCode(200)
  @Action('catalogue.item.update', ITEM_DEPARTMENT)
  @ApiOperation({ summary: 'Submit a draft for review' })
  @ApiPublicationParams()
  @ApiCatalogueReply(200, 'The publication, in review', PublicationSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  submit(
    @Param('itemId', itemIdPipe) itemId: string,
    @Param('publicationId', publicationIdPipe) publicationId: string,
    @Body(new ZodValidationPipe(EmptyBodySchema, 'body')) _body: unknown,
    @Meta() meta: RequestMeta,
  ): Promise<Publication> {
    return this.serviceClient.request<Publication>(
      CatalogueSubjects.submitPublication,
      { itemId, publicationId },
      meta,
    );
  }

  @Post('items/:itemId/publications/:publicationId/secrecy-review')
  @HttpCode(200)
  @Action('catalogue.publication.secrecy_review', ITEM_DEPARTMENT)
  @ApiOperation({
    summary: '保密审查: a named reviewer clears the publication (or returns it to draft)',
  })
  @ApiPublicationParams()
  @ApiCatalogueBody(SecrecyReviewBodySchema)
  @ApiCatalogueReply(200, 'The publication, cleared or back in draft', PublicationSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  secrecyReview(
    @Param('itemId', itemIdPipe) itemId: string,
    @Param('publicationId', publicationIdPipe) publicationId: string,
    @Body(new ZodValidationPipe(SecrecyReviewBodySchema, 'body')) body: SecrecyReviewBody,
    @Meta() meta: RequestMeta,
  ): Promise<Publication> {
    return this.serviceClient.request<Publication>(
      CatalogueSubjects.secrecyReviewPublication,
      { itemId, publicationId, ...body },
      meta,
    );
  }

  @Post('items/:itemId/publications/:publicationId/publish')
  @HttpCode(200)
  @Action('catalogue.publication.publish', ITEM_DEPARTMENT)
  @ApiOperation({
    summary: 'Publish a cleared publication as the item’s next version',
    description:
      'Numbers and hashes it, supersedes the current version and records whether it met the time limit. ' +
      '`occurredAt` back-dates it (clients allowed to back-date only).',
  })
  @ApiPublicationParams()
  @ApiCatalogueBody(PublishBodySchema)
  @ApiCatalogueReply(200, 'The published version', PublicationSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  publish(
    @Param('itemId', itemIdPipe) itemId: string,
    @Param('publicationId', publicationIdPipe) publicationId: string,
    @Body(new ZodValidationPipe(OptionalPublishBodySchema, 'body')) body: PublishBody | undefined,
    @Meta() meta: RequestMeta,
  ): Promise<Publication> {
    return this.serviceClient.request<Publication>(
      CatalogueSubjects.publishPublication,
      { itemId, publicationId, ...body },
      meta,
    );
  }

  @Post('items/:itemId/publications/:publicationId/withdraw')
  @HttpCode(200)
  @Action('catalogue.publication.publish', ITEM_DEPARTMENT)
  @ApiOperation({ summary: 'Withdraw the current version (it stays in the history and the hash chain)' })
  @ApiPublicationParams()
  @ApiCatalogueBody(WithdrawBodySchema)
  @ApiCatalogueReply(200, 'The withdrawn version', PublicationSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  withdraw(
    @Param('itemId', itemIdPipe) itemId: string,
    @Param('publicationId', publicationIdPipe) publicationId: string,
    @Body(new ZodValidationPipe(WithdrawBodySchema, 'body')) body: WithdrawBody,
    @Meta() meta: RequestMeta,
  ): Promise<Publication> {
    return this.serviceClient.request<Publication>(
      CatalogueSubjects.withdrawPublication,
      { itemId, publicationId, ...body },
      meta,
    );
  }

  @Get('items/:itemId/publications/:publicationId/diff')
  @AuthenticatedOnly()
  @ApiOperation({
    summary: 'What changed against the previous version (a draft: against the current version)',
  })
  @ApiPublicationParams()
  @ApiCatalogueReply(200, 'Changed fields and a line diff of the body', PublicationDiffSchema)
  @ApiProblems(...READ_PROBLEMS)
  diff(
    @Param('itemId', itemIdPipe) itemId: string,
    @Param('publicationId', publicationIdPipe) publicationId: string,
    @Meta() meta: RequestMeta,
  ): Promise<PublicationDiff> {
    return this.serviceClient.request<PublicationDiff>(
      CatalogueSubjects.diffPublication,
      { itemId, publicationId },
      meta,
    );
  }
}
