import { z } from 'zod';
import { CalendarDateSchema } from '../catalogue/common';

/**
 * The columns of the standard table of disclosure applications (国办公开办函〔2021〕30号):
 * 自然人, and 法人或其他组织 of five kinds.
 */
export const APPLICATION_REQUESTER_TYPES = [
  'natural_person',
  'commercial_enterprise',
  'research_institution',
  'social_welfare_organisation',
  'legal_service_institution',
  'other_organisation',
] as const;
export type ApplicationRequesterType = (typeof APPLICATION_REQUESTER_TYPES)[number];

export const APPLICATION_REQUESTER_LABELS: Record<ApplicationRequesterType, string> = {
  natural_person: '自然人',
  commercial_enterprise: '商业企业',
  research_institution: '科研机构',
  social_welfare_organisation: '社会公益组织',
  legal_service_institution: '法律服务机构',
  other_organisation: '其他',
};

/**
 * The results of row 3 of the standard table (本年度办理结果), each with its reasons where the
 * form has them. A decision names one result (and one reason where there are reasons).
 */
export const APPLICATION_RESULTS = {
  disclosed: { label: '（一）予以公开', reasons: {} },
  partly_disclosed: { label: '（二）部分公开', reasons: {} },
  not_disclosed: {
    label: '（三）不予公开',
    reasons: {
      state_secret: '1.属于国家秘密',
      prohibited_by_law: '2.其他法律行政法规禁止公开',
      three_safeties_one_stability: '3.危及"三安全一稳定"',
      third_party_rights: '4.保护第三方合法权益',
      internal_affairs: '5.属于三类内部事务信息',
      process_information: '6.属于四类过程性信息',
      law_enforcement_file: '7.属于行政执法案卷',
      administrative_query: '8.属于行政查询事项',
    },
  },
  cannot_provide: {
    label: '（四）无法提供',
    reasons: {
      not_held: '1.本机关不掌握相关信息',
      needs_creation: '2.没有现成信息需要另行制作',
      still_unclear_after_correction: '3.补正后申请内容仍不明确',
    },
  },
  not_processed: {
    label: '（五）不予处理',
    reasons: {
      petition_or_complaint: '1.信访举报投诉类申请',
      duplicate: '2.重复申请',
      publication: '3.要求提供公开出版物',
      excessive_repetition: '4.无正当理由大量反复申请',
      confirm_or_reissue: '5.要求行政机关确认或重新出具已获取信息',
    },
  },
  other: {
    label: '（六）其他处理',
    reasons: {
      no_correction: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      fee_not_paid: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      other: '3.其他',
    },
  },
} as const satisfies Record<string, { label: string; reasons: Record<string, string> }>;

export type ApplicationResult = keyof typeof APPLICATION_RESULTS;
export const APPLICATION_RESULT_KEYS = Object.keys(APPLICATION_RESULTS) as [
  ApplicationResult,
  ...ApplicationResult[],
];
export const APPLICATION_RESULT_REASONS = [
  ...new Set(Object.values(APPLICATION_RESULTS).flatMap((result) => Object.keys(result.reasons))),
] as [string, ...string[]];

/** How the reply letter reached the applicant. */
export const DELIVERY_METHODS = ['post', 'email', 'in_person', 'online', 'fax'] as const;

/**
 * The decision on an application: a row of the table, the reply letter, and how the applicant
 * was told. `alreadyPublicAt` (已主动公开: where to find it) goes with `disclosed`;
 * `responsibleBody` (not the university's duty: who holds it, where known) with
 * `cannot_provide` / `not_held`.
 */
export const ApplicationDecisionSchema = z.object({
  result: z.enum(APPLICATION_RESULT_KEYS),
  reason: z.enum(APPLICATION_RESULT_REASONS).nullable(),
  replyText: z.string(),
  deliveredVia: z.enum(DELIVERY_METHODS),
  alreadyPublicAt: z.string().nullable(),
  responsibleBody: z.string().nullable(),
});
export type ApplicationDecision = z.infer<typeof ApplicationDecisionSchema>;

/** Problems with a decision's result and reason; empty when it is a row of the table. */
export function applicationDecisionIssues(decision: {
  result: ApplicationResult;
  reason?: string | null;
  alreadyPublicAt?: string | null;
  responsibleBody?: string | null;
}): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const reasons = APPLICATION_RESULTS[decision.result].reasons as Record<string, string>;
  const names = Object.keys(reasons);
  if (names.length === 0 && decision.reason) {
    issues.push({ path: 'reason', message: `${decision.result} takes no reason` });
  }
  if (names.length > 0 && (!decision.reason || !names.includes(decision.reason))) {
    issues.push({ path: 'reason', message: `give one of ${names.join(', ')}` });
  }
  if (decision.alreadyPublicAt && decision.result !== 'disclosed') {
    issues.push({
      path: 'alreadyPublicAt',
      message: 'only a disclosed result points to where it is published',
    });
  }
  if (decision.responsibleBody && !(decision.result === 'cannot_provide' && decision.reason === 'not_held')) {
    issues.push({
      path: 'responsibleBody',
      message: 'only cannot_provide / not_held names the responsible body',
    });
  }
  return issues;
}

export const APPLICATION_TABLE_COLUMNS = [...APPLICATION_REQUESTER_TYPES, 'total'] as const;
export type ApplicationTableColumn = (typeof APPLICATION_TABLE_COLUMNS)[number];
const ColumnCountsSchema = z.object(
  Object.fromEntries(APPLICATION_TABLE_COLUMNS.map((column) => [column, z.number().int()])) as Record<
    ApplicationTableColumn,
    z.ZodNumber
  >,
);
export type ColumnCounts = z.infer<typeof ColumnCountsSchema>;

export const ApplicationTableRowSchema = z.object({
  /** `received`, `carried_in`, `result.<result>` or `result.<result>.<reason>`, `decided_total`, `carried_out`. */
  key: z.string(),
  label: z.string(),
  counts: ColumnCountsSchema,
});

/** `complaints.applications.table` (GET /cases/application-table). */
export const ApplicationTableQuerySchema = z
  .object({ from: CalendarDateSchema, to: CalendarDateSchema })
  .strict()
  .refine((query) => query.from <= query.to, { message: 'from comes before to', path: ['to'] });

export const ApplicationTableSchema = z.object({
  /** Inclusive Asia/Shanghai dates, by business time. */
  from: CalendarDateSchema,
  to: CalendarDateSchema,
  rows: z.array(ApplicationTableRowSchema),
  /** Row 1 + row 2 = row 3 (七) + row 4, per column. */
  invariantHolds: z.boolean(),
});
export type ApplicationTable = z.infer<typeof ApplicationTableSchema>;
