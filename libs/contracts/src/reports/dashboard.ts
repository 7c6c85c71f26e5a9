import { z } from 'zod';
import { CalendarDateSchema, IsoTimestampSchema } from '../catalogue/common';

const RatesSchema = z.object({
  /** The month, Asia/Shanghai (`2024-06`): complaints received in it, judged now. */
  month: z.string(),
  received: z.number().int(),
  responseRate: z.number().nullable(),
  resolutionRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
});

export const CASE_AGE_BUCKETS = ['0-1', '2-7', '8-30', '31+'] as const;

/** `reports.dashboard.get` (GET /reports/dashboard): the live state, from the projections. */
export const DashboardSchema = z.object({
  asOf: IsoTimestampSchema,
  openCases: z.object({
    total: z.number().int(),
    byKindAndStatus: z.array(z.object({ kind: z.string(), status: z.string(), count: z.number().int() })),
    /** Calendar days since receipt. */
    byAge: z.array(z.object({ days: z.enum(CASE_AGE_BUCKETS), count: z.number().int() })),
  }),
  overdue: z.object({
    cases: z.array(
      z.object({
        caseId: z.uuid(),
        trackingNo: z.string(),
        kind: z.string(),
        receivedOn: CalendarDateSchema,
      }),
    ),
    tasks: z.array(
      z.object({
        taskId: z.uuid(),
        roundId: z.uuid(),
        departmentId: z.uuid(),
        /** From permissions' events; null while the reports service has not heard of the department. */
        departmentName: z.string().nullable(),
        deadline: CalendarDateSchema,
        status: z.string(),
      }),
    ),
  }),
  /** The open round with the latest notice date, or null. */
  currentRound: z
    .object({
      roundId: z.uuid(),
      name: z.string(),
      noticeDate: CalendarDateSchema,
      deadline: CalendarDateSchema,
      byDepartment: z.array(
        z.object({
          departmentId: z.uuid(),
          departmentName: z.string().nullable(),
          tasks: z.number().int(),
          published: z.number().int(),
          pending: z.number().int(),
          overdue: z.number().int(),
        }),
      ),
    })
    .nullable(),
  rates: z.object({ thisMonth: RatesSchema, lastMonth: RatesSchema }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const DashboardPageSchema = z.object({ contentType: z.string(), document: z.string() });
