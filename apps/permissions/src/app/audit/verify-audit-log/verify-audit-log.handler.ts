import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PermissionsSubjects, VerifyAuditLogSchema, type AuditVerification } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { AuditLog } from '../audit-log';

/** GET /audit-log/verify: recomputes the hash chain and names the first entry that was tampered with. */
@Controller()
export class VerifyAuditLogHandler {
  constructor(private readonly auditLog: AuditLog) {}

  @MessagePattern(PermissionsSubjects.verifyAuditLog)
  verify(@Payload() payload: unknown): Promise<AuditVerification> {
    parseRequest(VerifyAuditLogSchema, payload);
    return this.auditLog.verify();
  }
}
