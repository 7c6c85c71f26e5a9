import { Injectable } from '@nestjs/common';
import {
  ComplaintsEvents,
  HotspotsReportedV1,
  type CaseState,
  type EventDefinition,
  type EventEnvelope,
} from '@gongkai/contracts';
import { on, type EventConsumer } from '@gongkai/messaging';
import type { z } from 'zod';
import type { ReportsTx } from '../prisma.service';
import { ProjectionsRepository } from './projections.repository';

const CASE_STATE_KEYS = new Set([
  'caseId',
  'trackingNo',
  'kind',
  'source',
  'externalNo',
  'category',
  'status',
  'receivedAt',
  'dueAt',
  'leadDepartmentId',
  'coDepartmentIds',
  'handlerId',
  'requesterType',
  'reopenCount',
]);

type CaseEventDefinition = EventDefinition<z.ZodType<CaseState & Record<string, unknown>>>;
const CASE_EVENTS = Object.values(ComplaintsEvents).filter((definition) =>
  definition.type.startsWith('complaints.case.'),
) as unknown as CaseEventDefinition[];

/**
 * Every case event of the complaints stream, kept as the case's history (one row per version),
 * and the hotspot reports. Ordered per aggregate; a redelivery finds its inbox row, an old
 * version its row already there.
 */
@Injectable()
export class ComplaintsEventsConsumer implements EventConsumer<ReportsTx> {
  readonly name = 'complaints-events';
  readonly source = 'complaints' as const;
  readonly filter = 'evt.complaints.>';
  readonly ordering = 'aggregate-version' as const;
  readonly handlers = [
    ...CASE_EVENTS.map((definition) =>
      on(definition, (state, envelope, tx: ReportsTx) => this.addCaseEvent(tx, state, envelope)),
    ),
    on(HotspotsReportedV1, (report, _envelope, tx: ReportsTx) =>
      this.projectionsRepository.addHotspot(tx, {
        reportId: report.reportId,
        fromDate: report.from,
        toDate: report.to,
        categories: report.categories,
        keywords: report.keywords,
      }),
    ),
  ];

  constructor(private readonly projectionsRepository: ProjectionsRepository) {}

  private addCaseEvent(
    tx: ReportsTx,
    state: CaseState & Record<string, unknown>,
    envelope: EventEnvelope,
  ): Promise<void> {
    const details = Object.fromEntries(Object.entries(state).filter(([key]) => !CASE_STATE_KEYS.has(key)));
    return this.projectionsRepository.addCaseEvent(tx, {
      caseId: state.caseId,
      aggregateVersion: envelope.aggregateVersion,
      eventId: envelope.id,
      type: envelope.type.slice('complaints.case.'.length),
      occurredAt: new Date(envelope.occurredAt),
      trackingNo: state.trackingNo,
      kind: state.kind,
      source: state.source,
      category: state.category,
      status: state.status,
      receivedAt: new Date(state.receivedAt),
      dueAt: state.dueAt ? new Date(state.dueAt) : null,
      leadDepartmentId: state.leadDepartmentId,
      requesterType: state.requesterType,
      details,
    });
  }
}
