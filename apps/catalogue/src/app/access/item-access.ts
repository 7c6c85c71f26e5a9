import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  BOOTSTRAP_ADMIN_CLIENT_ID,
  DecisionSchema,
  DomainError,
  ErrorCode,
  CheckPermissionRpc,
  type Action,
  type Actor,
  type CheckPermission,
  type RequestMeta,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { ItemsRepository } from '../items/items.repository';
import { PrismaService } from '../prisma.service';
import { ResponsibilitiesRepository } from '../responsibilities/responsibilities.repository';
import { CatalogueErrors } from '../shared/catalogue.errors';
import { todayInShanghai } from '../shared/time';

/** The gateway's bootstrap administrator key (BOOTSTRAP_ADMIN_API_KEY): it may do everything. */

const SubjectIdSchema = z.uuid();

/**
 * Department-scoped decisions for item work. Only the catalogue knows which department an item
 * belongs to, so the gateway forwards these routes undecided (`@Action(…, { departmentFrom:
 * 'service' })`) and this asks permissions.decisions.check for the item's lead department today:
 * a department's liaison may edit its items and draft publications, its reviewer may clear them;
 * a school-wide binding (the disclosure office) allows every item. Items nobody is responsible for
 * yet are school-wide targets.
 */
@Injectable()
export class ItemAccess {
  constructor(
    private readonly prisma: PrismaService,
    private readonly serviceClient: ServiceClient,
    private readonly itemsRepository: ItemsRepository,
    private readonly responsibilitiesRepository: ResponsibilitiesRepository,
  ) {}

  async assertMay(meta: RequestMeta, action: Action, itemId: string): Promise<void> {
    const item = await this.itemsRepository.findById(this.prisma, itemId);
    if (!item) throw CatalogueErrors.itemNotFound(itemId);
    if (isBootstrapAdmin(meta.actor)) return;
    const responsible = (
      await this.responsibilitiesRepository.asOf(this.prisma, [itemId], todayInShanghai())
    ).get(itemId);
    const departmentId = responsible?.leadDepartmentId ?? null;
    const subjectId = SubjectIdSchema.safeParse(meta.actor.id);
    if (meta.actor.kind === 'system' || !subjectId.success) {
      throw new DomainError(ErrorCode.FORBIDDEN, `${meta.actor.kind} ${meta.actor.id} may not ${action}`, {
        action,
      });
    }
    const check: CheckPermission = {
      subject: { type: meta.actor.kind === 'client' ? 'client' : 'person', id: subjectId.data },
      action,
      departmentId,
    };
    const decision = DecisionSchema.parse(
      await this.serviceClient.request(CheckPermissionRpc, check, {
        actor: { kind: 'system', id: 'catalogue' },
        correlationId: meta.correlationId,
      }),
    );
    if (!decision.allow) {
      const where = departmentId
        ? `for department ${departmentId}, responsible for item ${item.code}`
        : 'school-wide';
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        `${meta.actor.kind === 'client' ? 'API client' : 'Person'} ${meta.actor.id} may not ${action} ${where}: ` +
          `${decision.reason}. Ask the disclosure office (信息公开办) for the role in that department.`,
        { action, departmentId, reason: decision.reason },
      );
    }
  }
}

function isBootstrapAdmin(actor: Actor): boolean {
  return actor.kind === 'client' && actor.id === BOOTSTRAP_ADMIN_CLIENT_ID;
}
