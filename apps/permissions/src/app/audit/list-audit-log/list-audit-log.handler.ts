import { Controller } from '@nestjs/common';
import { PermissionsRpc, type AuditEntry, type Page } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { AuditRepository } from '../audit.repository';

/** GET /audit-log, oldest first, filtered by subject or action. */
@Controller()
export class ListAuditLogHandler {
  constructor(private readonly auditRepository: AuditRepository) {}

  @RpcHandler(PermissionsRpc.listAuditLog)
  list(call: RpcRequest<typeof PermissionsRpc.listAuditLog>): Promise<Page<AuditEntry>> {
    const { body } = call;
    return this.auditRepository.list(body);
  }
}
