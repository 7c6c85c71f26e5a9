/**
 * The academic year the demo replays, shaped like ../shared/reference/seed-annual-report.md
 * (2023-2024): what happened, when (business times, Beijing), and the figures the report must show.
 */
export const ACADEMIC_YEAR = '2023-2024';

/** A Beijing wall-clock time of the year as an ISO instant: `beijing('2023-10-09', 9)`. */
export function beijing(date: string, hour: number, minute = 0): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day, hour - 8, minute)).toISOString();
}

/** The date `days` days after `date` (both YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface DepartmentPlan {
  code: string;
  name: string;
  /** How many catalogue items it leads from the start of the year. */
  items: number;
  /** Merged into the new logistics department in March (its items' responsibility follows). */
  merged?: boolean;
}

export const OFFICE = { code: 'XXGKB', name: '信息公开办公室' };
/** Where the hotline's cases are received and sent on (the seed: 学生服务中心). */
export const SERVICE_CENTRE = { code: 'XSFWZX', name: '学生服务中心' };

/** 50 items over ten units; the two that merge lead three each (the seed's six revised entries). */
export const DEPARTMENTS: DepartmentPlan[] = [
  { code: 'DWBGS', name: '党委办公室', items: 5 },
  { code: 'XZBGS', name: '校长办公室', items: 6 },
  { code: 'JWB', name: '教务部', items: 6 },
  { code: 'ZSB', name: '招生办公室', items: 5 },
  { code: 'CWC', name: '财务处', items: 6 },
  { code: 'RSC', name: '人事处', items: 5 },
  { code: 'KXJSYJY', name: '科学技术研究院', items: 5 },
  { code: 'XSGZB', name: '学生工作部', items: 6 },
  { code: 'HQC', name: '后勤处', items: 3, merged: true },
  { code: 'JJC', name: '基建处', items: 3, merged: true },
];

export const MERGE = {
  target: { code: 'HQJJC', name: '后勤基建处', type: 'office' as const },
  effectiveDate: '2024-03-01',
  reason: '机构改革：后勤处、基建处合并为后勤基建处',
};

/** Items start the year with a lead department (a first assignment is not a revision). */
export const FIRST_ASSIGNMENT_DATE = '2023-08-25';

export interface RoundPlan {
  name: string;
  half: 'autumn' | 'spring';
  noticeText: string;
  noticeDate: string;
  /** How many items in scope, and how many of them publish a new version (the rest: no change). */
  inScope: number | 'all';
  updated: number;
  submitted: string;
  reviewed: string;
  approved: string;
  closed: string;
}

/** The seed: notices in October and June, 45 items updated (15 + 30). */
export const ROUNDS: RoundPlan[] = [
  {
    name: '2023年秋季学期信息公开目录更新',
    half: 'autumn',
    noticeText:
      '各单位：请对照信息公开事项清单，于截止日期前完成本单位负责事项的更新，经部门审核、保密审查后提交。',
    noticeDate: '2023-10-09',
    inScope: 20,
    updated: 15,
    submitted: beijing('2023-10-16', 10),
    reviewed: beijing('2023-10-18', 16),
    approved: beijing('2023-10-19', 10),
    closed: beijing('2023-10-31', 17),
  },
  {
    name: '2024年春季学期信息公开目录更新',
    half: 'spring',
    noticeText: '各单位：请于6月18日前完成本单位负责事项的更新，并经部门审核、保密审查后提交。',
    noticeDate: '2024-06-03',
    inScope: 'all',
    updated: 30,
    submitted: beijing('2024-06-12', 10),
    reviewed: beijing('2024-06-13', 10),
    approved: beijing('2024-06-14', 10),
    closed: beijing('2024-06-28', 17),
  },
];

export const COMPLAINTS = {
  city: 882,
  campus: 372,
  /** Still open on 31 August: 12 in progress, 8 whose requester was unsatisfied (under supervision). */
  openInProgress: 12,
  openUnsatisfied: 8,
  /** Received from 4 September to 10 August, so every closed one closed within the year. */
  firstDay: '2023-09-04',
  days: 340,
};

export const APPLICATIONS = 5;

/** The seed's figures, as the report must state them. */
export const SEED_FIGURES: { id: string; seed: string; holds: (value: number | null) => boolean }[] = [
  { id: 'active.rounds.held', seed: '2 轮', holds: (value) => value === 2 },
  { id: 'active.publications.published', seed: '更新各类信息 45 条', holds: (value) => value === 45 },
  { id: 'active.categories.updated', seed: '10 大类', holds: (value) => value === 10 },
  { id: 'active.responsibilities.revised', seed: '修订责任条目 6 条', holds: (value) => value === 6 },
  { id: 'service.complaints.received', seed: '受理诉求 1254 件', holds: (value) => value === 1254 },
  { id: 'service.complaints.city', seed: '北京市转办 882 件', holds: (value) => value === 882 },
  { id: 'service.complaints.campus', seed: '校内直接接办 372 件', holds: (value) => value === 372 },
  {
    id: 'service.complaints.completion_rate',
    seed: '完结率超过 98%',
    holds: (value) => value !== null && value > 0.98,
  },
  { id: 'application.received', seed: '信息公开申请 5 项', holds: (value) => value === 5 },
  { id: 'application.answered_in_time', seed: '均在规定时间内答复', holds: (value) => value === 5 },
  { id: 'supervision.reports.received', seed: '未收到举报', holds: (value) => value === 0 },
];
