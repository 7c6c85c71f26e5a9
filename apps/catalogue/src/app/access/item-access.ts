import { Injectable } from '@nestjs/common';
import {
  CommonErrorReasons,
  DomainError,
  type Action,
  type Actor,
  type RequestMeta,
} from '@gongkai/contracts';
import { DecisionClient } from '@gongkai/decisions';
import { ItemsRepository } from '../items/items.repository';
import { PrismaService } from '../prisma.service';
import { ResponsibilitiesRepository } from '../responsibilities/responsibilities.repository';
import { CatalogueErrors } from '../shared/catalogue.errors';
import { todayInShanghai } from '../shared/time';

/**
 * Department-scoped decisions for item work. Only the catalogue knows which department an item
 * belongs to, so the gateway forwards these routes undecided (`@Action(…, { departmentFrom:
 * 'service' })`, their handlers marked `@DecidesPermission()`) and this asks the DecisionClient
 * (@gongkai/decisions: the bootstrap rule, permissions.decisions.check, a cache the permissions
 * events invalidate) for the item's lead department today: a department's liaison may edit its
 * items and draft publications, its reviewer may clear them; a school-wide binding (the
 * disclosure office) allows every item. Items nobody is responsible for yet are school-wide
 * targets. When permissions cannot be asked, nothing is done (UNAVAILABLE), never allowed.
 */
@Injectable()
export class ItemAccess {
  constructor(
    private readonly prisma: PrismaService,
    private readonly decisionClient: DecisionClient,
    private readonly itemsRepository: ItemsRepository,
    private readonly responsibilitiesRepository: ResponsibilitiesRepository,
  ) {}

  /** `at`: the command's `occurredAt`, when back-dated: decided as things stood then. */
  async assertMay(meta: RequestMeta, action: Action, itemId: string, at?: string): Promise<void> {
    const item = await this.itemsRepository.findById(this.prisma, itemId);
    if (!item) throw CatalogueErrors.itemNotFound(itemId);
    const responsible = (
      await this.responsibilitiesRepository.asOf(this.prisma, [itemId], todayInShanghai())
    ).get(itemId);
    const departmentId = responsible?.leadDepartmentId ?? null;
    const decision = await this.decisionClient.check({
      actor: meta.actor,
      action,
      departmentId,
      correlationId: meta.correlationId,
      ...(at ? { at } : {}),
    });
    if (!decision.allow) {
      const where = departmentId
        ? `for department ${departmentId}, responsible for item ${item.code}`
        : 'school-wide';
      throw DomainError.because(
        CommonErrorReasons.PERMISSION_DENIED,
        `${describeActor(meta.actor)} may not ${action} ${where}: ${decision.reason}. ` +
          'Ask the disclosure office (信息公开办) for the role in that department.',
        { action, departmentId, decisionReason: decision.reason },
      );
    }
  }
}

function describeActor(actor: Actor): string {
  if (actor.kind === 'client') return `API client ${actor.id}`;
  if (actor.kind === 'person') return `Person ${actor.id}`;
  return `The ${actor.id} system`;
}
