import { z } from 'zod';
import { CASE_KINDS, CASE_SOURCES, type CaseKind, type CaseSource } from '@gongkai/contracts';

const LimitSchema = z
  .object({ unit: z.enum(['working_days', 'working_hours']), amount: z.number().int().min(0).max(10_000) })
  .strict();

/**
 * The limits a case is held to, fixed at receipt (the rules in force when it came in). Every
 * number is configuration (COMPLAINTS_SLA_POLICIES), since the rules are being revised.
 */
export const ClockPolicySchema = z
  .object({
    /** Reply (complaints), decision (applications) or conclusion (reports). */
    reply: LimitSchema,
    /** First contact with the requester (complaints); null: no response clock. */
    response: LimitSchema.nullable(),
    /** How long before a due time the warning comes. */
    warnBefore: LimitSchema,
    responseWarnBefore: LimitSchema.nullable(),
    /** Longest extension, in working days (applications: 15). */
    maxExtensionWorkingDays: z.number().int().min(0).max(60),
    /** Applications: the correction notice goes out within this many working days of receipt. */
    correctionWithinWorkingDays: z.number().int().min(1).max(60),
    /** Applications: the applicant's time to answer a correction notice, unless the notice says otherwise. */
    correctionAnswerWorkingDays: z.number().int().min(1).max(60),
  })
  .strict();
export type ClockPolicy = z.infer<typeof ClockPolicySchema>;

const days = (amount: number) => ({ unit: 'working_days' as const, amount });
const hours = (amount: number) => ({ unit: 'working_hours' as const, amount });

const COMPLAINT: ClockPolicy = {
  reply: days(7),
  response: days(1),
  warnBefore: days(2),
  responseWarnBefore: hours(4),
  maxExtensionWorkingDays: 7,
  correctionWithinWorkingDays: 7,
  correctionAnswerWorkingDays: 10,
};

/** The defaults; COMPLAINTS_SLA_POLICIES replaces any of them (`<kind>` or `<kind>.<source>`). */
export const DEFAULT_POLICIES: Record<string, ClockPolicy> = {
  complaint: COMPLAINT,
  // 12345 asks for contact within 24 working hours; its own deadline (cityDueAt) wins when sent.
  'complaint.city_12345': { ...COMPLAINT, response: hours(24) },
  // 依申请公开: 15 working days, extended by up to 15 with the office head's approval; the correction
  // notice within 7 working days of receipt.
  application: {
    reply: days(15),
    response: null,
    warnBefore: days(3),
    responseWarnBefore: null,
    maxExtensionWorkingDays: 15,
    correctionWithinWorkingDays: 7,
    correctionAnswerWorkingDays: 10,
  },
  report: {
    reply: days(30),
    response: null,
    warnBefore: days(5),
    responseWarnBefore: null,
    maxExtensionWorkingDays: 30,
    correctionWithinWorkingDays: 7,
    correctionAnswerWorkingDays: 10,
  },
};

const POLICY_KEYS = [
  ...CASE_KINDS,
  ...CASE_KINDS.flatMap((kind) => CASE_SOURCES.map((source) => `${kind}.${source}`)),
];

export const PolicyOverridesSchema = z.record(
  z.string().refine((key) => POLICY_KEYS.includes(key), `a key such as complaint or complaint.city_12345`),
  ClockPolicySchema,
);

export class SlaPolicies {
  private readonly policies: Record<string, ClockPolicy>;

  constructor(overrides: Record<string, ClockPolicy> = {}) {
    this.policies = { ...DEFAULT_POLICIES, ...overrides };
  }

  /** The most specific policy: `<kind>.<source>`, else `<kind>`. */
  of(kind: CaseKind, source: CaseSource): ClockPolicy {
    const policy = this.policies[`${kind}.${source}`] ?? this.policies[kind];
    if (!policy) throw new Error(`No SLA policy for ${kind}`);
    return policy;
  }
}
