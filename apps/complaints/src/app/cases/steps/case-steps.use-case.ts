import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DomainError, ErrorCode, type Case, type CaseStep, type RequestMeta } from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { businessTimeOf, Clock, UnitOfWork } from '@gongkai/service-kit';
import { CaseAccess } from '../../access/case-access';
import { DepartmentsRepository } from '../../departments/departments.repository';
import { PrismaService, type ComplaintsTx } from '../../prisma.service';
import { cachedClockColumns, clockOf } from '../../sla/case-clock';
import { ComplaintsErrors } from '../../shared/complaints.errors';
import { caseState, toCaseView } from '../case-views';
import { CasesRepository, type CaseRow } from '../cases.repository';
import { STEP_RULES, applyStep, type StepBody } from './case-workflow';

/**
 * Runs one step of a case (POST /cases/{id}/<step>): decides access where only the case knows its
 * department, checks the departments it names, applies the step's rules (case-workflow.ts) and
 * writes the change, its timeline entry and its events in one unit of work, with the clock's
 * cached due times recomputed.
 */
@Injectable()
export class CaseStepsUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly prisma: PrismaService,
    private readonly casesRepository: CasesRepository,
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly caseAccess: CaseAccess,
    private readonly clock: Clock,
  ) {}

  async execute(step: CaseStep, meta: RequestMeta, caseId: string, body: StepBody): Promise<Case> {
    const now = this.clock.now();
    const at = businessTimeOf(body.occurredAt, now);
    const rule = STEP_RULES[step];
    // Decided before the transaction (no row lock held across a NATS call), re-checked under the lock.
    let decidedFor: string | null = null;
    if (rule.decidedBy === 'service') {
      const current = await this.casesRepository.findById(this.prisma, caseId);
      if (!current) throw ComplaintsErrors.caseNotFound(caseId);
      const departments = departmentsFor(step, current);
      await this.caseAccess.assertMayInAny(meta, rule.action, departments, body.occurredAt);
      decidedFor = departments.join(',');
    }
    return this.unitOfWork.run(async (tx: ComplaintsTx) => {
      const row = await this.casesRepository.lock(tx, caseId);
      if (!row) throw ComplaintsErrors.caseNotFound(caseId);
      if (decidedFor !== null && departmentsFor(step, row).join(',') !== decidedFor) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `Case ${row.trackingNo} changed department meanwhile; read it and retry`,
          {
            caseId,
          },
        );
      }
      if (step === 'dispatch') {
        await this.departmentsRepository.assertActive(tx, [
          { path: ['leadDepartmentId'], departmentId: body['leadDepartmentId'] as string },
          ...((body['coDepartmentIds'] as string[] | undefined) ?? []).map((departmentId, index) => ({
            path: ['coDepartmentIds', index],
            departmentId,
          })),
        ]);
      }
      const outcome = applyStep(step, row, body, { actor: meta.actor, at, now });
      const changed = { ...row, ...outcome.changes } as typeof row;
      const updated = await this.casesRepository.update(
        tx,
        row.id,
        { ...outcome.changes, ...cachedClockColumns(clockOf(changed, now)) },
        now,
      );
      await this.casesRepository.addEntry(tx, {
        id: uuidv7(),
        caseId: row.id,
        kind: step,
        occurredAt: at,
        actor: meta.actor,
        ...outcome.entry,
        details: outcome.entry.details as never,
      });
      const context = {
        source: 'complaints',
        actor: meta.actor,
        correlationId: meta.correlationId,
        occurredAt: at,
      };
      for (const event of outcome.events) {
        await emitEvent(
          tx,
          event.definition,
          { ...caseState(updated, now), ...event.extra(updated) },
          context,
        );
      }
      const [requester, entries] = await Promise.all([
        this.casesRepository.requester(tx, row.id),
        this.casesRepository.entries(tx, row.id),
      ]);
      // A step's reply never shows personal data: GET /cases/{id} does, to those allowed.
      return toCaseView(updated, { requester, mayReadPersonal: false, entries, now });
    });
  }
}

/** Where a step is decided: the lead department (notes: any handling department); none = school-wide. */
function departmentsFor(step: CaseStep, row: CaseRow): string[] {
  if (step === 'notes')
    return [row.leadDepartmentId, ...row.coDepartmentIds].filter((id): id is string => id !== null);
  return row.leadDepartmentId ? [row.leadDepartmentId] : [];
}
