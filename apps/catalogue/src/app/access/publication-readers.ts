import { Injectable } from '@nestjs/common';
import type { Action, RequestMeta } from '@gongkai/contracts';
import { DecisionClient } from '@gongkai/decisions';
import { PrismaService } from '../prisma.service';
import { ResponsibilitiesRepository } from '../responsibilities/responsibilities.repository';
import { todayInShanghai } from '../shared/time';

/** The actions whose holders see an item's work in progress: its liaison and its reviewer. */
const WORKING_ACTIONS: readonly Action[] = ['catalogue.item.update', 'catalogue.publication.secrecy_review'];

/**
 * Who sees what of publications (issue 9, "drafts and personal data"). Unpublished states (draft,
 * in review, cleared, withdrawn), who created, published or reviewed a version, and the reviewer's
 * name are for the callers who may update or review the item's department (its lead department
 * today, as for ItemAccess; the disclosure office everywhere). Everyone else sees published
 * versions (`published`, `superseded`) only, without actors or reviewer. Decided with the
 * DecisionClient, so a departure or a revoked binding takes effect as it does for commands.
 */
@Injectable()
export class PublicationReaders {
  constructor(
    private readonly prisma: PrismaService,
    private readonly decisionClient: DecisionClient,
    private readonly responsibilitiesRepository: ResponsibilitiesRepository,
  ) {}

  /** Whether the caller sees everything of this item's publications. */
  async seesWorkOf(meta: RequestMeta, itemId: string): Promise<boolean> {
    const responsible = (
      await this.responsibilitiesRepository.asOf(this.prisma, [itemId], todayInShanghai())
    ).get(itemId);
    return this.worksIn(meta, responsible?.leadDepartmentId ?? null);
  }

  /**
   * Whether the caller may update or review in this department (null: school-wide, which only the
   * disclosure office may). An actor that is not a subject (a system) sees published versions only.
   */
  worksIn(meta: RequestMeta, departmentId: string | null): Promise<boolean> {
    return this.decisionClient.allowsAny(
      { actor: meta.actor, departmentId, correlationId: meta.correlationId },
      WORKING_ACTIONS,
    );
  }
}
