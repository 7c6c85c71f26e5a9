import { Controller } from '@nestjs/common';
import { PermissionsRpc, type AuditVerification } from '@gongkai/contracts';
import { RpcHandler } from '@gongkai/messaging';
import { AuditLog } from '../audit-log';

/** GET /audit-log/verify: recomputes the hash chain and names the first entry that was tampered with. */
@Controller()
export class VerifyAuditLogHandler {
  constructor(private readonly auditLog: AuditLog) {}

  @RpcHandler(PermissionsRpc.verifyAuditLog)
  verify(): Promise<AuditVerification> {
    return this.auditLog.verify();
  }
}
