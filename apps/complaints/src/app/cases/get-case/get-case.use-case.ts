import { Injectable } from '@nestjs/common';
import type { Case, RequestMeta } from '@gongkai/contracts';
import { CaseAccess } from '../../access/case-access';
import { PrismaService } from '../../prisma.service';
import { ComplaintsErrors } from '../../shared/complaints.errors';
import { toCaseView } from '../case-views';
import { CasesRepository } from '../cases.repository';
import { Clock } from '@gongkai/service-kit';

/**
 * One case for staff. Readers of the case's departments (lead or co-handling; school-wide readers
 * everywhere) see it; the requester's name and contact only those allowed
 * complaints.case.read-personal there (dispatchers, the department's handlers, supervisors, the office).
 */
@Injectable()
export class GetCaseUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly casesRepository: CasesRepository,
    private readonly caseAccess: CaseAccess,
    private readonly clock: Clock,
  ) {}

  async execute(meta: RequestMeta, caseId: string): Promise<Case> {
    const row = await this.casesRepository.findById(this.prisma, caseId);
    if (!row) throw ComplaintsErrors.caseNotFound(caseId);
    const departments = [row.leadDepartmentId, ...row.coDepartmentIds].filter(
      (id): id is string => id !== null,
    );
    await this.caseAccess.assertMayInAny(meta, 'complaints.case.read', departments);
    const mayReadPersonal = await this.caseAccess.mayInAny(
      meta,
      'complaints.case.read-personal',
      departments,
    );
    const [requester, entries] = await Promise.all([
      this.casesRepository.requester(this.prisma, row.id),
      this.casesRepository.entries(this.prisma, row.id),
    ]);
    return toCaseView(row, { requester, mayReadPersonal, entries, now: this.clock.now() });
  }
}
