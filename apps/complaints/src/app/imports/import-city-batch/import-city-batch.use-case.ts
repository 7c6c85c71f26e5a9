import { ComplaintsErrorReasons } from '@gongkai/contracts';
import { Injectable } from '@nestjs/common';
import type { ImportCityBatch, ImportResult, ImportRowResult, RequestMeta } from '@gongkai/contracts';
import { Clock, UnitOfWork } from '@gongkai/service-kit';
import { CaseIntake } from '../../cases/case-intake.use-case';
import { CasesRepository } from '../../cases/cases.repository';
import { PrismaService, type ComplaintsTx } from '../../prisma.service';
import { ComplaintsErrors } from '../../shared/complaints.errors';
import { checkRow, readCsv, type CityTransfer } from '../city-rows';

/**
 * The city's 12345 transfers in bulk. Each row is checked on its own; a ticket number already
 * imported is `already_present` (re-sending a batch creates nothing); a bad row is `rejected`
 * with its reasons and the valid rows are imported. Why the rest and not nothing: the tickets
 * are independent and each has the city's deadline running, so one malformed row must not hold
 * back hundreds of others; the bad row is fixed and sent again (idempotent). All created rows go
 * in one transaction: a failure while writing (a concurrent import of the same ticket, the
 * database) leaves nothing of the batch, so no batch is ever half imported.
 */
@Injectable()
export class ImportCityBatchUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly prisma: PrismaService,
    private readonly casesRepository: CasesRepository,
    private readonly caseIntake: CaseIntake,
    private readonly clock: Clock,
  ) {}

  async execute(meta: RequestMeta, body: ImportCityBatch): Promise<ImportResult> {
    const now = this.clock.now();
    let rows: unknown[];
    if (body.csv !== undefined) {
      const read = readCsv(body.csv);
      if ('problem' in read) {
        throw ComplaintsErrors.invalidField(
          ComplaintsErrorReasons.IMPORT_UNREADABLE,
          ['csv'],
          `line ${read.problem.line ?? '?'}: ${read.problem.message}`,
        );
      }
      rows = read.rows;
    } else rows = body.rows ?? [];

    const results: ImportRowResult[] = [];
    const valid: { index: number; transfer: CityTransfer }[] = [];
    const seen = new Set<string>();
    const categoryProblems = new Map<string, string | null>();
    for (const [index, row] of rows.entries()) {
      const checked = checkRow(row, now);
      const externalNo =
        'transfer' in checked
          ? checked.transfer.externalNo
          : String((row as Record<string, unknown>)['externalNo'] ?? '') || null;
      const base = { row: index + 1, externalNo, caseId: null, trackingNo: null };
      if ('errors' in checked) {
        results[index] = { ...base, outcome: 'rejected', errors: checked.errors };
        continue;
      }
      const { category } = checked.transfer;
      if (!categoryProblems.has(category)) {
        categoryProblems.set(
          category,
          await this.caseIntake.categoryProblem(this.prisma, category, 'complaint'),
        );
      }
      const categoryProblem = categoryProblems.get(category);
      if (categoryProblem) {
        results[index] = {
          ...base,
          outcome: 'rejected',
          errors: [{ field: 'category', message: categoryProblem }],
        };
      } else if (seen.has(checked.transfer.externalNo)) {
        results[index] = {
          ...base,
          outcome: 'rejected',
          errors: [{ field: 'externalNo', message: 'appears twice in this batch' }],
        };
      } else {
        seen.add(checked.transfer.externalNo);
        valid.push({ index, transfer: checked.transfer });
      }
    }

    await this.unitOfWork.run(
      async (tx: ComplaintsTx) => {
        const existing = await this.casesRepository.findByExternalNos(
          tx,
          'city_12345',
          valid.map(({ transfer }) => transfer.externalNo),
        );
        for (const { index, transfer } of valid) {
          const present = existing.get(transfer.externalNo);
          const base = { row: index + 1, externalNo: transfer.externalNo, errors: [] };
          if (present) {
            results[index] = {
              ...base,
              outcome: 'already_present',
              caseId: present.id,
              trackingNo: present.trackingNo,
            };
            continue;
          }
          const { row } = await this.caseIntake.receive(
            tx,
            {
              kind: 'complaint',
              source: 'city_12345',
              externalNo: transfer.externalNo,
              cityDueAt: transfer.cityDueAt ? new Date(transfer.cityDueAt) : undefined,
              batchRef: body.batchRef,
              category: transfer.category,
              title: transfer.title,
              content: transfer.content,
              requester: { name: transfer.requesterName, contact: transfer.requesterContact },
              attachments: [],
              receivedAt: new Date(transfer.receivedAt),
            },
            meta,
            now,
            { checked: true },
          );
          results[index] = { ...base, outcome: 'created', caseId: row.id, trackingNo: row.trackingNo };
        }
      },
      { timeoutMs: 180_000 },
    );
    const count = (outcome: ImportRowResult['outcome']) =>
      results.filter((result) => result.outcome === outcome).length;
    return {
      batchRef: body.batchRef ?? null,
      created: count('created'),
      alreadyPresent: count('already_present'),
      rejected: count('rejected'),
      rows: results,
    };
  }
}
