import { Injectable } from '@nestjs/common';
import type { ReorganisationResult } from '@gongkai/contracts';
import type { PermissionsTx } from '../prisma.service';
import type { Operation } from '../shared/operation';
import { ReorganisationsRepository } from './reorganisations.repository';
import type { ReorganisationRun } from './reorganisation-run';

/** The last step of every reorganisation: its row, its audit entry and the reply. */
@Injectable()
export class ReorganisationRecorder {
  constructor(private readonly reorganisationsRepository: ReorganisationsRepository) {}

  async record(
    tx: PermissionsTx,
    operation: Operation,
    run: ReorganisationRun,
    entry: {
      action: 'department.renamed' | 'department.merged' | 'department.split' | 'department.dissolved';
      departmentId: string;
      extra: Record<string, unknown>;
    },
  ): Promise<ReorganisationResult> {
    const reorganisation = await this.reorganisationsRepository.insert(tx, {
      id: run.id,
      kind: run.kind,
      effectiveDate: run.effectiveDate,
      reason: run.reason,
      details: run.details(),
      actor: operation.actor,
      createdAt: operation.now,
    });
    operation.audit({
      occurredAt: run.effectiveFrom,
      action: entry.action,
      subjectType: 'department',
      subjectId: entry.departmentId,
      reason: run.reason,
      details: { reorganisationId: run.id, ...entry.extra, ...run.details() },
    });
    return { reorganisation, departments: [...run.touched.values()] };
  }
}
