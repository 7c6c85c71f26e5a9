import { Injectable } from '@nestjs/common';
import type { Action, Decision, Role, SubjectType } from '@gongkai/contracts';
import { PrismaService, type PermissionsTx } from '../prisma.service';
import { BindingsRepository } from './bindings.repository';
import { decide, reachOf, type ActionReach, type BindingFacts, type SubjectState } from './decision-rule';
import { SubjectStates } from './subject-states';

export interface DecisionQuestion {
  subjectType: SubjectType;
  subjectId: string;
  action: Action;
  departmentId: string | null;
  at: Date;
}

/**
 * Loads the facts a decision needs and applies the decision rule to them: for the decision check,
 * and inside a transaction for the service's own questions (who may decide a request).
 */
@Injectable()
export class PermissionDecider {
  constructor(
    private readonly prisma: PrismaService,
    private readonly subjectStates: SubjectStates,
    private readonly bindingsRepository: BindingsRepository,
  ) {}

  async decide(question: DecisionQuestion, tx: PermissionsTx = this.prisma): Promise<Decision> {
    const { subject, bindings } = await this.factsOf(question, tx);
    return decide({
      subject,
      bindings,
      action: question.action,
      departmentId: question.departmentId,
      at: question.at,
    });
  }

  /** Where the subject may do the action at `question.at` (see reachOf). */
  async reach(
    question: Omit<DecisionQuestion, 'departmentId'>,
    tx: PermissionsTx = this.prisma,
  ): Promise<ActionReach> {
    const { subject, bindings } = await this.factsOf(question, tx);
    return reachOf({ subject, bindings, action: question.action, at: question.at });
  }

  /** The subject's state and its bindings that may be in force at `question.at`. */
  async factsOf(
    question: Pick<DecisionQuestion, 'subjectType' | 'subjectId' | 'at'>,
    tx: PermissionsTx,
  ): Promise<{ subject: SubjectState | null; bindings: BindingFacts[] }> {
    // One after the other: a transaction client runs one query at a time anyway.
    const subject = await this.subjectStates.of(tx, question.subjectType, question.subjectId);
    const rows = await this.bindingsRepository.decisionFactsOf(
      tx,
      question.subjectType,
      question.subjectId,
      question.at,
    );
    const bindings: BindingFacts[] = rows.map((row) => ({
      id: row.id,
      role: row.role as Role,
      departmentId: row.departmentId,
      validFrom: row.validFrom,
      validTo: row.validTo,
      status: row.status === 'ended' ? 'ended' : 'active',
      endedAt: row.endedAt,
    }));
    return { subject, bindings };
  }
}
