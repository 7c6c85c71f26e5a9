import { z } from 'zod';
import { CalendarDateSchema, IsoTimestampSchema } from '../catalogue/common';
import { ApplicationTableSchema } from '../complaints/applications';
// The same academic year as a round's (1 September – 31 August, Asia/Shanghai).
import { AcademicYearSchema } from '../rounds/rounds';

export const REPORT_FORMATS = ['json', 'md', 'html', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_SECTION_IDS = [
  'overview',
  'active',
  'service',
  'application',
  'evaluation',
  'supervision',
  'problems',
  'catalogue',
] as const;
export type ReportSectionId = (typeof REPORT_SECTION_IDS)[number];

/**
 * One figure of the report. `id` is stable (`service.complaints.received`): `?explain=true` names
 * the rule behind it and the list of the items it counts. Rates are fractions (0…1, four
 * decimals); `value` is null when the system holds nothing to count it from.
 */
export const ReportFigureSchema = z.object({
  id: z.string(),
  section: z.enum(REPORT_SECTION_IDS),
  label: z.string(),
  value: z.number().nullable(),
  unit: z.enum(['count', 'rate']),
});
export type ReportFigure = z.infer<typeof ReportFigureSchema>;

export const ReportSectionSchema = z.object({
  id: z.enum(REPORT_SECTION_IDS),
  heading: z.string(),
  /** The section's text in Chinese, with its figures written in. */
  paragraphs: z.array(z.string()),
  figureIds: z.array(z.string()),
});
export type ReportSection = z.infer<typeof ReportSectionSchema>;

export const ReportRoundSchema = z.object({
  roundId: z.uuid(),
  name: z.string(),
  half: z.string(),
  noticeDate: CalendarDateSchema,
  deadline: CalendarDateSchema,
  taskCount: z.number().int(),
  closedOn: CalendarDateSchema.nullable(),
  updated: z.number().int().nullable(),
  unchanged: z.number().int().nullable(),
  onTimeRate: z.number().nullable(),
});

/** 清单事项公开情况表: one row per catalogue item. */
export const CatalogueTableRowSchema = z.object({
  itemId: z.uuid(),
  code: z.string(),
  title: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  publishedInYear: z.boolean(),
  /** Asia/Shanghai dates of the versions published in the year, oldest first. */
  publishedOn: z.array(CalendarDateSchema),
  /** Where: the channels of those versions. */
  channels: z.array(z.string()),
});

export const HotspotMaterialSchema = z.object({
  key: z.string(),
  count: z.number().int(),
});

export const ProblemsTextSchema = z.object({
  text: z.string(),
  /** 0: the default wording, never edited; then 1, 2, 3 … per saved version. */
  version: z.number().int(),
  updatedAt: IsoTimestampSchema.nullable(),
});

export const FigureExplanationSchema = z.object({
  figureId: z.string(),
  rule: z.string(),
  /** The underlying items: `GET` this (through the gateway) for the list. */
  itemsHref: z.string(),
  itemCount: z.number().int(),
});
export type FigureExplanation = z.infer<typeof FigureExplanationSchema>;

export const AnnualReportSchema = z.object({
  academicYear: z.string(),
  title: z.string(),
  period: z.object({
    from: CalendarDateSchema,
    to: CalendarDateSchema,
    timeZone: z.literal('Asia/Shanghai'),
  }),
  sections: z.array(ReportSectionSchema),
  figures: z.array(ReportFigureSchema),
  rounds: z.array(ReportRoundSchema),
  channels: z.array(z.object({ channel: z.string(), publications: z.number().int() })),
  complaintsByMonth: z.array(z.object({ month: z.string(), source: z.string(), count: z.number().int() })),
  applicationTable: ApplicationTableSchema,
  catalogueTable: z.array(CatalogueTableRowSchema),
  problems: ProblemsTextSchema.extend({ hotspots: z.array(HotspotMaterialSchema) }),
  /** Only with `?explain=true`: for every figure, its rule and where its items are listed. */
  explanations: z.array(FigureExplanationSchema).optional(),
});
export type AnnualReport = z.infer<typeof AnnualReportSchema>;

const ExplainSchema = z
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true');

/** The query of GET /reports/annual/{academicYear}. */
export const AnnualReportQuerySchema = z
  .object({ format: z.enum(REPORT_FORMATS).default('json'), explain: ExplainSchema })
  .strict();
export type AnnualReportQuery = z.input<typeof AnnualReportQuerySchema>;

/** `reports.annual.get`: the report as JSON. */
export const GetAnnualReportSchema = z
  .object({ academicYear: AcademicYearSchema, explain: z.boolean().default(false) })
  .strict();

/** `reports.annual.render`: the report as a document (Markdown, HTML, DOCX). */
export const RenderAnnualReportSchema = GetAnnualReportSchema.extend({
  format: z.enum(REPORT_FORMATS).exclude(['json']),
}).strict();

export const RenderedReportSchema = z.object({
  format: z.enum(REPORT_FORMATS),
  contentType: z.string(),
  /** ASCII only, for Content-Disposition. */
  fileName: z.string().regex(/^[\w.-]+$/),
  /** `utf-8`: `document` is the text itself (md, html); `base64`: the bytes (docx) encoded for NATS. */
  encoding: z.enum(['utf-8', 'base64']),
  document: z.string(),
});
export type RenderedReport = z.infer<typeof RenderedReportSchema>;

export const FIGURE_ITEM_KINDS = ['case', 'publication', 'revision', 'round', 'catalogue_item'] as const;

export const GetFigureItemsSchema = z
  .object({ academicYear: AcademicYearSchema, figureId: z.string().min(1).max(120) })
  .strict();

export const FigureItemsSchema = z.object({
  academicYear: z.string(),
  figureId: z.string(),
  rule: z.string(),
  items: z.array(
    z.object({
      kind: z.enum(FIGURE_ITEM_KINDS),
      id: z.string(),
      /** A tracking number, an item code, a round name: what the office looks it up by. */
      ref: z.string(),
      /** The Asia/Shanghai date that placed it in the year. */
      on: CalendarDateSchema.nullable(),
    }),
  ),
});
export type FigureItems = z.infer<typeof FigureItemsSchema>;

/** PUT /reports/annual/{academicYear}/problems: a new version of the text (the old ones are kept). */
export const ProblemsTextBodySchema = z.object({ text: z.string().trim().min(1).max(20_000) }).strict();
export const PutProblemsTextSchema = ProblemsTextBodySchema.extend({
  academicYear: AcademicYearSchema,
}).strict();
export const GetProblemsTextSchema = z.object({ academicYear: AcademicYearSchema }).strict();

/** Every saved version of a year's problems-and-improvements text, newest first. */
export const ProblemsTextHistorySchema = z.object({
  academicYear: z.string(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      text: z.string(),
      /** `<actor kind>:<id>` of who saved it. */
      savedBy: z.string(),
      savedAt: IsoTimestampSchema,
    }),
  ),
});
export type ProblemsTextHistory = z.infer<typeof ProblemsTextHistorySchema>;
