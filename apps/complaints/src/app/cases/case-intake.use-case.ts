import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  CaseReceivedV1,
  type CaseAttachment,
  type CaseKind,
  type CaseSource,
  type RequestMeta,
  ComplaintsErrorReasons,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import type { Prisma } from '../../generated/prisma/client';
import { CategoriesRepository } from '../categories/categories.repository';
import { COMPLAINTS_CONFIG, type ComplaintsConfig } from '../config/complaints-config';
import type { ComplaintsTx } from '../prisma.service';
import { cachedClockColumns, clockOf } from '../sla/case-clock';
import { ComplaintsErrors } from '../shared/complaints.errors';
import { caseState } from './case-views';
import { CasesRepository, type CaseEntryRow, type CaseRow } from './cases.repository';
import { newTrackingNo, newVerificationCode, verificationHash } from './tracking';

export interface Intake {
  kind: CaseKind;
  source: CaseSource;
  externalNo?: string;
  cityDueAt?: Date;
  batchRef?: string;
  category: string;
  title: string;
  content: string;
  requester: { name: string; contact: string; type?: string };
  attachments: CaseAttachment[];
  /** Business time of receipt, already checked. */
  receivedAt: Date;
}

export interface Received {
  row: CaseRow;
  verificationCode: string;
  /** Its timeline so far: the one "received" entry. */
  entries: CaseEntryRow[];
}

/**
 * 接: a case comes in, from staff, the public site or the city's batch. Inside the caller's
 * transaction: the case, its requester (personal data, its own table), the first timeline entry
 * and evt.complaints.case.received (without personal data), with its SLA clock fixed from the
 * policy in force for its kind and source.
 */
@Injectable()
export class CaseIntake {
  constructor(
    @Inject(COMPLAINTS_CONFIG) private readonly config: ComplaintsConfig,
    private readonly casesRepository: CasesRepository,
    private readonly categoriesRepository: CategoriesRepository,
  ) {}

  /** The category problem, if any (unknown, inactive, or not for this kind). */
  async categoryProblem(tx: ComplaintsTx, code: string, kind: CaseKind): Promise<string | null> {
    const category = await this.categoriesRepository.find(tx, code);
    if (!category || !category.active) return `No category ${code}; take a code from GET /cases/categories`;
    if (!category.kinds.includes(kind)) return `Category ${code} is not for ${kind} cases`;
    return null;
  }

  /** `checked`: the caller has checked the category and the ticket number for a whole batch. */
  async receive(
    tx: ComplaintsTx,
    intake: Intake,
    meta: RequestMeta,
    now: Date,
    options: { checked?: boolean } = {},
  ): Promise<Received> {
    const problem = options.checked ? null : await this.categoryProblem(tx, intake.category, intake.kind);
    if (problem)
      throw ComplaintsErrors.invalidField(ComplaintsErrorReasons.CATEGORY_UNKNOWN, ['category'], problem);
    if (intake.externalNo && !options.checked) {
      const existing = await this.casesRepository.findByExternalNos(tx, intake.source, [intake.externalNo]);
      if (existing.size > 0) {
        throw ComplaintsErrors.because(
          ComplaintsErrorReasons.CASE_ALREADY_IMPORTED,
          `Case ${existing.get(intake.externalNo)?.trackingNo} already holds ${intake.source} ticket ${intake.externalNo}`,
          { externalNo: intake.externalNo, caseId: existing.get(intake.externalNo)?.id },
        );
      }
    }
    const id = uuidv7();
    const verificationCode = newVerificationCode();
    const policy = this.config.policies.of(intake.kind, intake.source);
    const draft = {
      id,
      trackingNo: newTrackingNo(intake.receivedAt),
      kind: intake.kind,
      source: intake.source,
      externalNo: intake.externalNo ?? null,
      batchRef: intake.batchRef ?? null,
      category: intake.category,
      title: intake.title,
      content: intake.content,
      status: 'received',
      receivedAt: intake.receivedAt,
      cityDueAt: intake.cityDueAt ?? null,
      attachments: intake.attachments as unknown as Prisma.InputJsonValue,
      verificationHash: verificationHash(id, verificationCode),
      slaPolicy: policy as unknown as Prisma.InputJsonValue,
      clockStartAt: intake.receivedAt,
      requesterType: intake.kind === 'application' ? (intake.requester.type ?? null) : null,
      createdAt: now,
      updatedAt: now,
    };
    const clock = clockOf({ ...draft, pauses: [], extendedWorkingDays: 0 } as unknown as CaseRow, now);
    const row = await this.casesRepository.insert(
      tx,
      { ...draft, ...cachedClockColumns(clock) },
      { name: intake.requester.name, contact: intake.requester.contact },
    );
    const entry = await this.casesRepository.addEntry(tx, {
      id: uuidv7(),
      caseId: id,
      kind: 'received',
      occurredAt: intake.receivedAt,
      actor: meta.actor,
      visibility: 'public',
      text: null,
      details: {
        source: intake.source,
        externalNo: intake.externalNo ?? null,
        batchRef: intake.batchRef ?? null,
      },
    });
    await emitEvent(
      tx,
      CaseReceivedV1,
      { ...caseState(row, now), cityDueAt: row.cityDueAt?.toISOString() ?? null },
      {
        source: 'complaints',
        actor: meta.actor,
        correlationId: meta.correlationId,
        occurredAt: intake.receivedAt,
      },
    );
    return { row, verificationCode, entries: [entry] };
  }
}
