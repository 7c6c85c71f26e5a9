import { Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  CatalogueRpc,
  CreatePublicationBodySchema,
  ListPublicationsQuerySchema,
  PublishBodySchema,
  SecrecyReviewBodySchema,
  UpdatePublicationBodySchema,
  WithdrawBodySchema,
  type CreatePublicationBody,
  type PublishBody,
  type RequestMeta,
  type SearchPublicationsQuery,
  type SecrecyReviewBody,
  type UpdatePublicationBody,
  type WithdrawBody,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { Meta } from '../http/request-meta.decorator';
import { RouteBody, RouteQuery, RpcRoute } from '../http/rpc-route';
import { COMMAND_PROBLEMS, READ_PROBLEMS } from '../openapi/api-schemas';
import { itemIdPipe, publicationIdPipe } from './catalogue-id.pipe';
import { ITEM_DEPARTMENT, ITEM_PARAM, PUBLICATION_PARAMS } from './catalogue-routes';

/**
 * Publication reads: any signed-in caller sees published versions (without who created, published
 * or reviewed them); the rest is for whoever may update or review the item's department, which only
 * the catalogue knows, so it decides (the action names the least such a caller holds).
 */
const READ_BY_WORK = {
  action: 'catalogue.item.update',
  departmentFrom: 'service',
  answersEveryone: true,
  description:
    'Any signed-in caller sees published versions (`published`, `superseded`), without actors and reviewer. ' +
    'Drafts, versions in review, cleared or withdrawn, actor ids and reviewer names are shown only to callers ' +
    'who may update (`catalogue.item.update`) or review (`catalogue.publication.secrecy_review`) in the ' +
    "item's lead department, and to the disclosure office.",
} as const;

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
  @RpcRoute(CatalogueRpc.searchPublications, {
    ...READ_BY_WORK,
    summary: 'Search publications of every item (keyword, category, department, channel, state)',
    query: 'request',
    reply: 'A page of publications, newest first',
    problems: READ_PROBLEMS,
  })
  search(@RouteQuery() query: SearchPublicationsQuery, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(CatalogueRpc.searchPublications, query, meta);
  }

  @Get('items/:itemId/publications')
  @RpcRoute(CatalogueRpc.listPublications, {
    ...READ_BY_WORK,
    summary: 'An item’s publications, newest first',
    params: ITEM_PARAM,
    query: ListPublicationsQuerySchema,
    reply: 'A page of publications',
    problems: READ_PROBLEMS,
  })
  list(
    @Param('itemId', itemIdPipe) itemId: string,
    @RouteQuery() query: ListPublicationsQuery,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CatalogueRpc.listPublications, { itemId, ...query }, meta);
  }

  @Post('items/:itemId/publications')
  @RpcRoute(CatalogueRpc.createPublication, {
    action: 'catalogue.item.update',
    ...ITEM_DEPARTMENT,
    summary: 'Start an ad-hoc publication (a draft)',
    params: ITEM_PARAM,
    body: CreatePublicationBodySchema,
    status: 201,
    reply: 'The draft',
    problems: COMMAND_PROBLEMS,
  })
  create(
    @Param('itemId', itemIdPipe) itemId: string,
    @RouteBody() body: CreatePublicationBody,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CatalogueRpc.createPublication, { itemId, ...body }, meta);
  }

  @Get('items/:itemId/publications/verify')
  @RpcRoute(CatalogueRpc.verifyPublications, {
    authenticatedOnly: true,
    summary: 'Check the item’s hash chain: is every published version as it was published?',
    description:
      'Recomputes the SHA-256 of each published version (its content and the previous version’s hash) ' +
      'and reports the first version that does not match, e.g. after a direct edit in the database.',
    params: ITEM_PARAM,
    reply: 'The verification',
    problems: READ_PROBLEMS,
  })
  verify(@Param('itemId', itemIdPipe) itemId: string, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(CatalogueRpc.verifyPublications, { itemId }, meta);
  }

  @Get('items/:itemId/publications/:publicationId')
  @RpcRoute(CatalogueRpc.getPublication, {
    ...READ_BY_WORK,
    summary: 'One publication',
    params: PUBLICATION_PARAMS,
    reply: 'The publication',
    problems: READ_PROBLEMS,
  })
  get(
    @Param('itemId', itemIdPipe) itemId: string,
    @Param('publicationId', publicationIdPipe) publicationId: string,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CatalogueRpc.getPublication, { itemId, publicationId }, meta);
  }

  @Patch('items/:itemId/publications/:publicationId')
  @RpcRoute(CatalogueRpc.updatePublication, {
    action: 'catalogue.item.update',
    ...ITEM_DEPARTMENT,
    summary: 'Edit a draft',
    params: PUBLICATION_PARAMS,
    body: UpdatePublicationBodySchema,
    reply: 'The draft as it is now',
    problems: COMMAND_PROBLEMS,
  })
  update(
    @Param('itemId', itemIdPipe) itemId: string,
    @Param('publicationId', publicationIdPipe) publicationId: string,
    @RouteBody() changes: UpdatePublicationBody,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(
      CatalogueRpc.updatePublication,
      { itemId, publicationId, changes },
      meta,
    );
  }

  @Post('items/:itemId/publications/:publicationId/submit-for-review')
  @RpcRoute(CatalogueRpc.submitPublication, {
    action: 'catalogue.item.update',
    ...ITEM_DEPARTMENT,
    summary: 'Submit a draft for review',
    params: PUBLICATION_PARAMS,
    body: EmptyBodySchema,
    reply: 'The publication, in review',
    problems: COMMAND_PROBLEMS,
  })
  submit(
    @Param('itemId', itemIdPipe) itemId: string,
    @Param('publicationId', publicationIdPipe) publicationId: string,
    @RouteBody() _body: unknown,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CatalogueRpc.submitPublication, { itemId, publicationId }, meta);
  }

  @Post('items/:itemId/publications/:publicationId/secrecy-review')
  @RpcRoute(CatalogueRpc.secrecyReviewPublication, {
    action: 'catalogue.publication.secrecy_review',
    ...ITEM_DEPARTMENT,
    summary: '保密审查: a named reviewer clears the publication (or returns it to draft)',
    params: PUBLICATION_PARAMS,
    body: SecrecyReviewBodySchema,
    reply: 'The publication, cleared or back in draft',
    problems: COMMAND_PROBLEMS,
  })
  secrecyReview(
    @Param('itemId', itemIdPipe) itemId: string,
    @Param('publicationId', publicationIdPipe) publicationId: string,
    @RouteBody() body: SecrecyReviewBody,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(
      CatalogueRpc.secrecyReviewPublication,
      { itemId, publicationId, ...body },
      meta,
    );
  }

  @Post('items/:itemId/publications/:publicationId/publish')
  @RpcRoute(CatalogueRpc.publishPublication, {
    action: 'catalogue.publication.publish',
    ...ITEM_DEPARTMENT,
    summary: 'Publish a cleared publication as the item’s next version',
    description:
      'Numbers and hashes it, supersedes the current version and records whether it met the time limit. ' +
      '`occurredAt` back-dates it (clients allowed to back-date only).',
    params: PUBLICATION_PARAMS,
    body: OptionalPublishBodySchema,
    reply: 'The published version',
    problems: COMMAND_PROBLEMS,
  })
  publish(
    @Param('itemId', itemIdPipe) itemId: string,
    @Param('publicationId', publicationIdPipe) publicationId: string,
    @RouteBody() body: PublishBody | undefined,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(
      CatalogueRpc.publishPublication,
      { itemId, publicationId, ...body },
      meta,
    );
  }

  @Post('items/:itemId/publications/:publicationId/withdraw')
  @RpcRoute(CatalogueRpc.withdrawPublication, {
    action: 'catalogue.publication.publish',
    ...ITEM_DEPARTMENT,
    summary: 'Withdraw the current version (it stays in the history and the hash chain)',
    params: PUBLICATION_PARAMS,
    body: WithdrawBodySchema,
    reply: 'The withdrawn version',
    problems: COMMAND_PROBLEMS,
  })
  withdraw(
    @Param('itemId', itemIdPipe) itemId: string,
    @Param('publicationId', publicationIdPipe) publicationId: string,
    @RouteBody() body: WithdrawBody,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(
      CatalogueRpc.withdrawPublication,
      { itemId, publicationId, ...body },
      meta,
    );
  }

  @Get('items/:itemId/publications/:publicationId/diff')
  @RpcRoute(CatalogueRpc.diffPublication, {
    ...READ_BY_WORK,
    summary: 'What changed against the previous version (a draft: against the current version)',
    params: PUBLICATION_PARAMS,
    reply: 'Changed fields and a line diff of the body',
    problems: READ_PROBLEMS,
  })
  diff(
    @Param('itemId', itemIdPipe) itemId: string,
    @Param('publicationId', publicationIdPipe) publicationId: string,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CatalogueRpc.diffPublication, { itemId, publicationId }, meta);
  }
}
