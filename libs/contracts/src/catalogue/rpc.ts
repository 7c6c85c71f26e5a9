import { EmptyRequestSchema, defineRpc } from '../common/rpc-definition';
import { ItemRefSchema, PublicationRefSchema } from './common';
import {
  CatalogueItemPageSchema,
  CatalogueItemSchema,
  CatalogueSettingsSchema,
  CategoryListSchema,
  CreateItemSchema,
  GetItemSchema,
  ListItemsQuerySchema,
  ListOverdueQuerySchema,
  OverdueReportSchema,
  RecordChangeSchema,
  UpdateItemSchema,
  UpdateSettingsSchema,
} from './items';
import {
  GetPublicItemSchema,
  PublicCatalogueQuerySchema,
  PublicCatalogueSchema,
  PublicItemDetailSchema,
} from './public';
import {
  ChainVerificationSchema,
  CreatePublicationSchema,
  ListPublicationsSchema,
  PublicationDiffSchema,
  PublicationPageSchema,
  PublicationSchema,
  PublishPublicationSchema,
  SearchPublicationsQuerySchema,
  SecrecyReviewPublicationSchema,
  SubmitPublicationSchema,
  UpdatePublicationSchema,
  WithdrawPublicationSchema,
} from './publications';
import {
  CountRevisionsQuerySchema,
  GetResponsibilitySchema,
  ReassignDepartmentSchema,
  ReassignmentResultSchema,
  ResponsibilityRevisionSchema,
  ResponsibilityViewSchema,
  ReviseResponsibilitySchema,
  RevisionCountSchema,
} from './responsibilities';

/** Every request/reply operation the catalogue service answers (`catalogue.<aggregate>.<verb>`). */
export const CatalogueRpc = {
  listCategories: defineRpc({
    subject: 'catalogue.categories.list',
    request: EmptyRequestSchema,
    reply: CategoryListSchema,
  }),
  listItems: defineRpc({
    subject: 'catalogue.items.list',
    request: ListItemsQuerySchema,
    reply: CatalogueItemPageSchema,
  }),
  getItem: defineRpc({ subject: 'catalogue.items.get', request: GetItemSchema, reply: CatalogueItemSchema }),
  createItem: defineRpc({
    subject: 'catalogue.items.create',
    request: CreateItemSchema,
    reply: CatalogueItemSchema,
  }),
  updateItem: defineRpc({
    subject: 'catalogue.items.update',
    request: UpdateItemSchema,
    reply: CatalogueItemSchema,
  }),
  recordChange: defineRpc({
    subject: 'catalogue.items.record-change',
    request: RecordChangeSchema,
    reply: CatalogueItemSchema,
  }),
  getResponsibility: defineRpc({
    subject: 'catalogue.responsibilities.get',
    request: GetResponsibilitySchema,
    reply: ResponsibilityViewSchema,
  }),
  reviseResponsibility: defineRpc({
    subject: 'catalogue.responsibilities.revise',
    request: ReviseResponsibilitySchema,
    reply: ResponsibilityRevisionSchema,
  }),
  reassignDepartment: defineRpc({
    subject: 'catalogue.responsibilities.reassign-department',
    request: ReassignDepartmentSchema,
    reply: ReassignmentResultSchema,
  }),
  countRevisions: defineRpc({
    subject: 'catalogue.responsibilities.count-revisions',
    request: CountRevisionsQuerySchema,
    reply: RevisionCountSchema,
  }),
  listPublications: defineRpc({
    subject: 'catalogue.publications.list',
    request: ListPublicationsSchema,
    reply: PublicationPageSchema,
  }),
  searchPublications: defineRpc({
    subject: 'catalogue.publications.search',
    request: SearchPublicationsQuerySchema,
    reply: PublicationPageSchema,
  }),
  getPublication: defineRpc({
    subject: 'catalogue.publications.get',
    request: PublicationRefSchema,
    reply: PublicationSchema,
  }),
  createPublication: defineRpc({
    subject: 'catalogue.publications.create',
    request: CreatePublicationSchema,
    reply: PublicationSchema,
  }),
  updatePublication: defineRpc({
    subject: 'catalogue.publications.update',
    request: UpdatePublicationSchema,
    reply: PublicationSchema,
  }),
  submitPublication: defineRpc({
    subject: 'catalogue.publications.submit',
    request: SubmitPublicationSchema,
    reply: PublicationSchema,
  }),
  secrecyReviewPublication: defineRpc({
    subject: 'catalogue.publications.secrecy-review',
    request: SecrecyReviewPublicationSchema,
    reply: PublicationSchema,
  }),
  publishPublication: defineRpc({
    subject: 'catalogue.publications.publish',
    request: PublishPublicationSchema,
    reply: PublicationSchema,
  }),
  withdrawPublication: defineRpc({
    subject: 'catalogue.publications.withdraw',
    request: WithdrawPublicationSchema,
    reply: PublicationSchema,
  }),
  diffPublication: defineRpc({
    subject: 'catalogue.publications.diff',
    request: PublicationRefSchema,
    reply: PublicationDiffSchema,
  }),
  verifyPublications: defineRpc({
    subject: 'catalogue.publications.verify',
    request: ItemRefSchema,
    reply: ChainVerificationSchema,
  }),
  listOverdue: defineRpc({
    subject: 'catalogue.freshness.overdue',
    request: ListOverdueQuerySchema,
    reply: OverdueReportSchema,
  }),
  getSettings: defineRpc({
    subject: 'catalogue.settings.get',
    request: EmptyRequestSchema,
    reply: CatalogueSettingsSchema,
  }),
  updateSettings: defineRpc({
    subject: 'catalogue.settings.update',
    request: UpdateSettingsSchema,
    reply: CatalogueSettingsSchema,
  }),
  publicCatalogue: defineRpc({
    subject: 'catalogue.public.list',
    request: PublicCatalogueQuerySchema,
    reply: PublicCatalogueSchema,
  }),
  publicItem: defineRpc({
    subject: 'catalogue.public.get',
    request: GetPublicItemSchema,
    reply: PublicItemDetailSchema,
  }),
} as const;
