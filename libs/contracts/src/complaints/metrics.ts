import { z } from 'zod';
import { CalendarDateSchema, IsoTimestampSchema } from '../catalogue/common';
import { CASE_KINDS } from './cases';

const PeriodSchema = {
  /** Inclusive Asia/Shanghai dates; cases count by the business time they were received. */
  from: CalendarDateSchema,
  to: CalendarDateSchema,
};
const periodOrder = { message: 'from comes before to', path: ['to'] };

export const METRICS_GROUPINGS = ['source', 'department', 'category', 'month'] as const;
export type MetricsGrouping = (typeof METRICS_GROUPINGS)[number];

/** `complaints.metrics.get` (GET /cases/metrics). */
export const CaseMetricsQuerySchema = z
  .object({
    ...PeriodSchema,
    kind: z.enum(CASE_KINDS).default('complaint'),
    groupBy: z.enum(METRICS_GROUPINGS).optional(),
  })
  .strict()
  .refine((query) => query.from <= query.to, periodOrder);
export type CaseMetricsQuery = z.infer<typeof CaseMetricsQuerySchema>;

/** Counts and rates of one group (docs: apps/complaints/README.md, "Metrics"). Rates are null when nothing is counted. */
export const CaseFiguresSchema = z.object({
  received: z.number().int(),
  completed: z.number().int(),
  completionRate: z.number().nullable(),
  /** Contacted within the response limit ÷ contacted or due. */
  respondedInTime: z.number().int(),
  responseDue: z.number().int(),
  responseRate: z.number().nullable(),
  calledBack: z.number().int(),
  solved: z.number().int(),
  resolutionRate: z.number().nullable(),
  satisfied: z.number().int(),
  satisfactionRate: z.number().nullable(),
  repliedOnTime: z.number().int(),
  replyDue: z.number().int(),
  onTimeRate: z.number().nullable(),
});
export type CaseFigures = z.infer<typeof CaseFiguresSchema>;

export const CaseMetricsSchema = z.object({
  from: CalendarDateSchema,
  to: CalendarDateSchema,
  kind: z.enum(CASE_KINDS),
  /** The instant the figures were computed at (open clocks are judged against it). */
  asOf: IsoTimestampSchema,
  total: CaseFiguresSchema,
  groupBy: z.enum(METRICS_GROUPINGS).nullable(),
  groups: z.array(CaseFiguresSchema.extend({ key: z.string().nullable() })),
});
export type CaseMetrics = z.infer<typeof CaseMetricsSchema>;

/** The weights of the department score (cities re-weight the three rates): versioned configuration. */
export const ScoreWeightsSchema = z.object({
  version: z.number().int(),
  response: z.number(),
  resolution: z.number(),
  satisfaction: z.number(),
  /** From this Asia/Shanghai date on, periods ending on or after it are scored with these weights. */
  effectiveFrom: CalendarDateSchema,
  note: z.string().nullable(),
  createdAt: IsoTimestampSchema,
});
export type ScoreWeights = z.infer<typeof ScoreWeightsSchema>;
export const ScoreWeightsListSchema = z.object({ items: z.array(ScoreWeightsSchema) });

/** `complaints.weights.add` (POST /cases/score-weights): a new version; the three add up to 1. */
export const AddScoreWeightsSchema = z
  .object({
    response: z.number().min(0).max(1),
    resolution: z.number().min(0).max(1),
    satisfaction: z.number().min(0).max(1),
    effectiveFrom: CalendarDateSchema,
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((weights) => Math.abs(weights.response + weights.resolution + weights.satisfaction - 1) < 1e-9, {
    message: 'the three weights add up to 1',
    path: ['satisfaction'],
  });

/** `complaints.metrics.ranking` (GET /cases/ranking). */
export const RankingQuerySchema = z
  .object(PeriodSchema)
  .strict()
  .refine((query) => query.from <= query.to, periodOrder);

export const RankingSchema = z.object({
  from: CalendarDateSchema,
  to: CalendarDateSchema,
  weights: ScoreWeightsSchema,
  departments: z.array(
    z.object({
      rank: z.number().int().nullable(),
      departmentId: z.uuid(),
      responseRate: z.number().nullable(),
      resolutionRate: z.number().nullable(),
      satisfactionRate: z.number().nullable(),
      /** weights · rates; null when a rate is (nothing was called back), ranked last. */
      score: z.number().nullable(),
      received: z.number().int(),
    }),
  ),
});
export type Ranking = z.infer<typeof RankingSchema>;

/** `complaints.hotspots.get` (GET /cases/hotspots): the period against the one just before it. */
export const HotspotsQuerySchema = z
  .object({
    ...PeriodSchema,
    limit: z.coerce.number().int().min(1).max(100).default(10),
  })
  .strict()
  .refine((query) => query.from <= query.to, periodOrder);
export type HotspotsQuery = z.infer<typeof HotspotsQuerySchema>;

export const HotspotEntrySchema = z.object({
  key: z.string(),
  count: z.number().int(),
  previousCount: z.number().int(),
  /** count − previousCount. */
  change: z.number().int(),
});
export type HotspotEntry = z.infer<typeof HotspotEntrySchema>;

export const HotspotsSchema = z.object({
  from: CalendarDateSchema,
  to: CalendarDateSchema,
  previousFrom: CalendarDateSchema,
  previousTo: CalendarDateSchema,
  /** Cases per category. */
  categories: z.array(HotspotEntrySchema),
  /** Cases whose title or content contains the word (segmented with jieba). */
  keywords: z.array(HotspotEntrySchema),
});
export type Hotspots = z.infer<typeof HotspotsSchema>;

/** `complaints.hotspots.report` (POST /cases/hotspots/report): emit the period's hotspots as an event. */
export const ReportHotspotsSchema = HotspotsQuerySchema;
export const HotspotReportSchema = HotspotsSchema.extend({
  reportId: z.uuid(),
  reportedAt: IsoTimestampSchema,
});
