import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PermissionsRpc, type ListAuditLog, type RequestMeta } from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { Meta } from '../../http/request-meta.decorator';
import { RouteQuery, RpcRoute } from '../../http/rpc-route';
import { LIST_PROBLEMS } from '../../openapi/api-schemas';

/** The append-only, hash-chained audit log of every permissions change. */
@ApiTags('audit-log')
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get()
  @RpcRoute(PermissionsRpc.listAuditLog, {
    action: 'audit.read',
    summary: 'Audit entries, oldest first (filter by subject, action)',
    query: 'request',
    reply: 'A page of audit entries',
    problems: LIST_PROBLEMS,
  })
  list(@RouteQuery() query: ListAuditLog, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.listAuditLog, query, meta);
  }

  @Get('verify')
  @RpcRoute(PermissionsRpc.verifyAuditLog, {
    action: 'audit.read',
    summary: 'Walk the hash chain and say whether (and where) it is broken',
    description: 'Compare `lastHash` with a copy kept elsewhere to detect a cut tail.',
    reply: 'The verification',
    problems: [401, 403, 429, 503, 504],
  })
  verify(@Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.verifyAuditLog, {}, meta);
  }
}
