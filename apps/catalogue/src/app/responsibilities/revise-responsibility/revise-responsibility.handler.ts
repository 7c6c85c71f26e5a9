import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CatalogueSubjects,
  ReviseResponsibilitySchema,
  type ResponsibilityRevision,
} from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { MessagingLifecycle } from '@gongkai/service-kit';
import { DepartmentCheck } from '../../departments/department-check';
import { ItemsRepository } from '../../items/items.repository';
import { PrismaService } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { ResponsibilityWriter } from '../responsibility-writer';

@Controller()
export class ReviseResponsibilityHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly itemsRepository: ItemsRepository,
    private readonly departmentCheck: DepartmentCheck,
    private readonly responsibilityWriter: ResponsibilityWriter,
    private readonly messaging: MessagingLifecycle,
  ) {}

  @MessagePattern(CatalogueSubjects.reviseResponsibility)
  async revise(@Payload() payload: unknown): Promise<ResponsibilityRevision> {
    const { meta, body } = parseRequest(ReviseResponsibilitySchema, payload);
    const revision = await this.prisma.$transaction(async (tx) => {
      const item = await this.itemsRepository.lock(tx, body.itemId);
      if (!item) throw CatalogueErrors.itemNotFound(body.itemId);
      await this.departmentCheck.assertActive(
        tx,
        this.departmentCheck.responsibilityFields(body.leadDepartmentId, body.coDepartmentIds),
      );
      return this.responsibilityWriter.append(
        tx,
        item,
        {
          leadDepartmentId: body.leadDepartmentId,
          coDepartmentIds: body.coDepartmentIds,
          reason: body.reason,
          effectiveDate: body.effectiveDate,
          trigger: 'manual',
        },
        { source: 'catalogue', actor: meta.actor, correlationId: meta.correlationId },
      );
    });
    this.messaging.kick();
    return revision;
  }
}
