import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListAuditLogSchema, PermissionsSubjects, type AuditEntry, type Page } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { AuditRepository } from '../audit.repository';

/** GET /audit-log, oldest first, filtered by subject or action. */
@Controller()
export class ListAuditLogHandler {
  constructor(private readonly auditRepository: AuditRepository) {}

  @MessagePattern(PermissionsSubjects.listAuditLog)
  list(@Payload() payload: unknown): Promise<Page<AuditEntry>> {
    const { body } = parseRequest(ListAuditLogSchema, payload);
    return this.auditRepository.list(body);
  }
}
