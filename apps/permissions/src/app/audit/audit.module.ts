import { Module } from '@nestjs/common';
import { ListAuditLogHandler } from './list-audit-log/list-audit-log.handler';
import { VerifyAuditLogHandler } from './verify-audit-log/verify-audit-log.handler';

@Module({ controllers: [ListAuditLogHandler, VerifyAuditLogHandler] })
export class AuditModule {}
