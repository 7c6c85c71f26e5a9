import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AuditEntrySchema,
  AuditVerificationSchema,
  ListAuditLogSchema,
  PermissionsSubjects,
  pageSchema,
  type AuditEntry,
  type AuditVerification,
  type ListAuditLog,
  type Page,
  type RequestMeta,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { Action } from '../../auth/auth.decorators';
import { Meta } from '../../http/request-meta.decorator';
import { ZodValidationPipe } from '../../http/zod-validation.pipe';
import { ApiProblems, ApiZodQuery, LIST_PROBLEMS } from '../../openapi/api-schemas';
import { ApiZodReply } from '../shared/permissions.openapi';

/** The append-only, hash-chained audit log of every permissions change. */
@ApiTags('audit-log')
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get()
  @Action('audit.read')
  @ApiOperation({ summary: 'Audit entries, oldest first (filter by subject, action)' })
  @ApiZodQuery(ListAuditLogSchema)
  @ApiZodReply(200, 'A page of audit entries', pageSchema(AuditEntrySchema))
  @ApiProblems(...LIST_PROBLEMS)
  list(
    @Query(new ZodValidationPipe(ListAuditLogSchema, 'query')) query: ListAuditLog,
    @Meta() meta: RequestMeta,
  ): Promise<Page<AuditEntry>> {
    return this.serviceClient.request<Page<AuditEntry>>(PermissionsSubjects.listAuditLog, query, meta);
  }

  @Get('verify')
  @Action('audit.read')
  @ApiOperation({
    summary: 'Walk the hash chain and say whether (and where) it is broken',
    description: 'Compare `lastHash` with a copy kept elsewhere to detect a cut tail.',
  })
  @ApiZodReply(200, 'The verification', AuditVerificationSchema)
  @ApiProblems(401, 403, 429, 503, 504)
  verify(@Meta() meta: RequestMeta): Promise<AuditVerification> {
    return this.serviceClient.request<AuditVerification>(PermissionsSubjects.verifyAuditLog, {}, meta);
  }
}
