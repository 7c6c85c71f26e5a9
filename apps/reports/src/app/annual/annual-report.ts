import {
  APPLICATION_RESULTS,
  CASE_SOURCES,
  CHANNELS,
  REPORT_SECTION_IDS,
  applicationTable,
  type AnnualReport,
  type ReportSection,
} from '@gongkai/contracts';
import { dateInYear, inYear, shanghaiDateOf, type AcademicYear } from './academic-year';
import { responseWasDue, type CaseAt } from './case-fold';
import { FigureBook, percent, type FigureItem } from './figure-book';
import {
  CHANNEL_LABELS,
  DEFAULT_PROBLEMS_TEXT,
  HALF_LABELS,
  SECTION_HEADINGS,
  SOURCE_LABELS,
} from './labels';

export interface ReportInputs {
  year: AcademicYear;
  /** Every case received by the end of the year, as it stood then (business time). */
  cases: readonly CaseAt[];
  items: readonly {
    itemId: string;
    code: string;
    title: string;
    categoryCode: string;
    status: string;
  }[];
  categories: readonly { code: string; name: string; sortOrder: number }[];
  publications: readonly {
    publicationId: string;
    itemId: string;
    itemCode: string;
    version: number;
    channels: string[];
    publishedAt: Date;
  }[];
  revisions: readonly {
    revisionId: string;
    itemCode: string;
    revisionNo: number;
    trigger: string;
    effectiveDate: string;
    previousLeadDepartmentId: string | null;
  }[];
  rounds: readonly {
    roundId: string;
    name: string;
    half: string;
    noticeDate: string;
    deadline: string;
    status: string;
    taskCount: number | null;
    closedAt: Date | null;
    summary: unknown;
  }[];
  problemsText: { text: string; version: number; savedAt: Date } | null;
}

export interface ComputedReport {
  report: Omit<AnnualReport, 'explanations'>;
  book: FigureBook;
}

const caseItem = (state: CaseAt): FigureItem => ({
  kind: 'case',
  id: state.caseId,
  ref: state.trackingNo,
  on: shanghaiDateOf(state.receivedAt),
});

/**
 * The annual report of an academic year from the projections alone. Every figure is counted by
 * business time: a case by when it was received and by its state at the end of the year (events
 * after 31 August have not happened yet for this report, whenever they were entered); a
 * publication by when it was published; a revision by its effective date; a round by its notice
 * date. The result depends only on the projections, so a rebuild gives the same report.
 */
export function computeAnnualReport(inputs: ReportInputs): ComputedReport {
  const { year } = inputs;
  const book = new FigureBook();
  const cases = [...inputs.cases].sort((a, b) => a.trackingNo.localeCompare(b.trackingNo));
  const receivedInYear = (kind: string) =>
    cases.filter((state) => state.kind === kind && inYear(year, state.receivedAt));

  // 二、主动公开
  const rounds = inputs.rounds
    .filter((round) => round.status !== 'draft' && dateInYear(year, round.noticeDate))
    .sort((a, b) => a.noticeDate.localeCompare(b.noticeDate) || a.name.localeCompare(b.name));
  book.count(
    'active.rounds.held',
    'active',
    '开展信息公开更新轮次',
    rounds.map((round) => ({ kind: 'round', id: round.roundId, ref: round.name, on: round.noticeDate })),
    '已开启的更新轮次中，通知日期（业务日期）在本学年内的轮次数。',
  );
  const publications = inputs.publications.filter((publication) => inYear(year, publication.publishedAt));
  const publicationItem = (publication: (typeof publications)[number]): FigureItem => ({
    kind: 'publication',
    id: publication.publicationId,
    ref: `${publication.itemCode} v${publication.version}`,
    on: shanghaiDateOf(publication.publishedAt),
  });
  book.count(
    'active.publications.published',
    'active',
    '更新发布信息（版本）',
    publications.map(publicationItem),
    '发布时间（业务时间）在本学年内的清单事项公开版本数（每次发布计一条）。',
  );
  const itemsById = new Map(inputs.items.map((item) => [item.itemId, item]));
  const updatedItemIds = [...new Set(publications.map((publication) => publication.itemId))];
  book.count(
    'active.items.updated',
    'active',
    '更新的清单事项',
    updatedItemIds.map((itemId) => {
      const item = itemsById.get(itemId);
      const first = publications
        .filter((publication) => publication.itemId === itemId)
        .map((publication) => shanghaiDateOf(publication.publishedAt))
        .sort()[0];
      return { kind: 'catalogue_item', id: itemId, ref: item?.code ?? itemId, on: first ?? null };
    }),
    '本学年内至少发布过一个新版本的清单事项数（同一事项多次发布计一项）。',
  );
  const categoriesByCode = new Map(inputs.categories.map((category) => [category.code, category]));
  const updatedCategories = [
    ...new Set(updatedItemIds.map((itemId) => itemsById.get(itemId)?.categoryCode).filter(Boolean)),
  ] as string[];
  book.count(
    'active.categories.updated',
    'active',
    '按时更新的信息类别',
    updatedCategories.map((code) => ({
      kind: 'catalogue_item',
      id: code,
      ref: categoriesByCode.get(code)?.name ?? code,
      on: null,
    })),
    '本学年内有清单事项发布新版本的类别数。',
  );
  const revisions = inputs.revisions.filter(
    (revision) =>
      revision.trigger !== 'item_created' &&
      revision.previousLeadDepartmentId !== null &&
      dateInYear(year, revision.effectiveDate),
  );
  book.count(
    'active.responsibilities.revised',
    'active',
    '修订责任分工条目',
    revisions.map((revision) => ({
      kind: 'revision',
      id: revision.revisionId,
      ref: `${revision.itemCode} #${revision.revisionNo}`,
      on: revision.effectiveDate,
    })),
    '生效日期在本学年内、改变了已有责任部门的责任分工修订数（不含首次分工）。',
  );
  const channels = CHANNELS.map((channel) => {
    const using = publications.filter((publication) => publication.channels.includes(channel));
    book.count(
      `active.channels.${channel}`,
      'active',
      `通过${CHANNEL_LABELS[channel] ?? channel}发布`,
      using.map(publicationItem),
      `本学年发布的版本中，发布渠道包含“${CHANNEL_LABELS[channel] ?? channel}”的版本数。`,
    );
    return { channel, publications: using.length };
  });

  // 三、接诉即办
  const complaints = receivedInYear('complaint');
  const received = book.count(
    'service.complaints.received',
    'service',
    '受理诉求',
    complaints.map(caseItem),
    '受理时间（业务时间）在本学年内的接诉即办诉求数。',
  );
  for (const source of CASE_SOURCES) {
    book.count(
      `service.complaints.source.${source}`,
      'service',
      `来源：${SOURCE_LABELS[source] ?? source}`,
      complaints.filter((state) => state.source === source).map(caseItem),
      `本学年受理的诉求中，来源为“${SOURCE_LABELS[source] ?? source}”的件数。`,
    );
  }
  const city = book.count(
    'service.complaints.city',
    'service',
    '北京市转办诉求',
    complaints.filter((state) => state.source === 'city_12345').map(caseItem),
    '本学年受理的诉求中，由北京市12345转办的件数。',
  );
  const campus = book.count(
    'service.complaints.campus',
    'service',
    '校内直接接办诉求',
    complaints.filter((state) => state.source !== 'city_12345').map(caseItem),
    '本学年受理的诉求中，经校内渠道（热线、网站、邮件、来访、来信）直接受理的件数。',
  );
  const completed = complaints.filter((state) => state.status === 'closed');
  book.count(
    'service.complaints.completed',
    'service',
    '已办结诉求',
    completed.map(caseItem),
    '本学年受理、且截至学年末（8月31日24时，业务时间）已办结的诉求数。',
  );
  const completionRate = book.rate(
    'service.complaints.completion_rate',
    'service',
    '完结率',
    completed.length,
    complaints.map(caseItem),
    '已办结诉求数 ÷ 受理诉求数（均按学年末状态）。所列为分母的诉求。',
  );
  const responseDue = complaints.filter((state) => responseWasDue(state, year.end));
  const respondedInTime = complaints.filter((state) => state.contact?.onTime === true);
  book.count(
    'service.complaints.responded_in_time',
    'service',
    '按时响应诉求',
    respondedInTime.map(caseItem),
    '学年末前首次联系诉求人、且在响应时限内的诉求数。',
  );
  const responseRate = book.rate(
    'service.complaints.response_rate',
    'service',
    '响应率',
    respondedInTime.length,
    responseDue.map(caseItem),
    '按时响应诉求数 ÷（学年末前已联系诉求人、或响应时限在学年末前已过的诉求数）。所列为分母的诉求。',
  );
  const calledBack = complaints.filter((state) => state.callback !== null);
  book.count(
    'service.complaints.called_back',
    'service',
    '已回访诉求',
    calledBack.map(caseItem),
    '学年末时有回访结果的诉求数（重办后以重办后的回访为准）。',
  );
  const solved = calledBack.filter((state) => state.callback?.resolution === 'solved');
  const resolutionRate = book.rate(
    'service.complaints.resolution_rate',
    'service',
    '解决率',
    solved.length,
    calledBack.map(caseItem),
    '回访结果为“已解决”的诉求数 ÷ 已回访诉求数。所列为分母的诉求。',
  );
  const satisfied = calledBack.filter((state) =>
    ['satisfied', 'basically_satisfied'].includes(state.callback?.satisfaction ?? ''),
  );
  const satisfactionRate = book.rate(
    'service.complaints.satisfaction_rate',
    'service',
    '满意率',
    satisfied.length,
    calledBack.map(caseItem),
    '回访结果为“满意”或“基本满意”的诉求数 ÷ 已回访诉求数。所列为分母的诉求。',
  );

  // 四、依申请公开
  const applicationCases = cases.filter((state) => state.kind === 'application');
  const applications = receivedInYear('application');
  const applicationsReceived = book.count(
    'application.received',
    'application',
    '收到信息公开申请',
    applications.map(caseItem),
    '受理时间（业务时间）在本学年内的依申请公开申请数。',
  );
  const decidedInYear = applicationCases.filter(
    (state) => state.decision !== null && inYear(year, state.decision.at),
  );
  const decided = book.count(
    'application.decided',
    'application',
    '作出答复的申请',
    decidedInYear.map(caseItem),
    '答复（办理结果）时间在本学年内的申请数，含上学年结转的申请。',
  );
  const answeredInTime = book.count(
    'application.answered_in_time',
    'application',
    '在规定时间内答复的申请',
    decidedInYear.filter((state) => state.decision?.onTime === true).map(caseItem),
    '本学年作出答复、且在答复期限（含经批准的延期、扣除补正和征求第三方意见时间）内答复的申请数。',
  );
  for (const result of Object.keys(APPLICATION_RESULTS)) {
    book.count(
      `application.result.${result}`,
      'application',
      `办理结果：${APPLICATION_RESULTS[result as keyof typeof APPLICATION_RESULTS].label}`,
      decidedInYear.filter((state) => state.decision?.result === result).map(caseItem),
      '本学年作出答复的申请中，办理结果为该项的申请数（对应标准表第三行）。',
    );
  }
  const table = applicationTable(
    applicationCases.map((state) => ({
      requesterType: state.requesterType,
      receivedAt: state.receivedAt,
      decidedAt: state.decision?.at ?? null,
      result: state.decision?.result ?? null,
      resultReason: state.decision?.reason ?? null,
    })),
    { from: year.from, to: year.to, start: year.start, end: year.end },
  );

  // 五、评议
  for (const [satisfaction, label] of [
    ['satisfied', '满意'],
    ['basically_satisfied', '基本满意'],
    ['unsatisfied', '不满意'],
  ] as const) {
    book.count(
      `evaluation.callbacks.${satisfaction}`,
      'evaluation',
      `回访评价：${label}`,
      calledBack.filter((state) => state.callback?.satisfaction === satisfaction).map(caseItem),
      `本学年受理的诉求中，学年末回访评价为“${label}”的件数。`,
    );
  }

  // 六、举报、复议、诉讼
  const reports = receivedInYear('report');
  const reportsReceived = book.count(
    'supervision.reports.received',
    'supervision',
    '收到对信息公开工作的举报',
    reports.map(caseItem),
    '受理时间（业务时间）在本学年内的举报数。',
  );
  book.count(
    'supervision.reports.substantiated',
    'supervision',
    '经调查属实的举报',
    reports.filter((state) => state.conclusion?.substantiated === true).map(caseItem),
    '本学年受理、学年末前调查结论为属实的举报数。',
  );
  book.unrecorded(
    'supervision.reconsiderations',
    'supervision',
    '行政复议',
    '系统不记录行政复议（没有服务产生此类事件），请在报告文字中据实填写。',
  );
  book.unrecorded(
    'supervision.lawsuits',
    'supervision',
    '行政诉讼',
    '系统不记录行政诉讼（没有服务产生此类事件），请在报告文字中据实填写。',
  );

  // 附表：清单事项
  const catalogueItems = inputs.items
    .filter((item) => item.status === 'active' || updatedItemIds.includes(item.itemId))
    .sort((a, b) => a.code.localeCompare(b.code));
  const catalogueTable = catalogueItems.map((item) => {
    const own = publications
      .filter((publication) => publication.itemId === item.itemId)
      .sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
    return {
      itemId: item.itemId,
      code: item.code,
      title: item.title,
      categoryCode: item.categoryCode,
      categoryName: categoriesByCode.get(item.categoryCode)?.name ?? item.categoryCode,
      publishedInYear: own.length > 0,
      publishedOn: own.map((publication) => shanghaiDateOf(publication.publishedAt)),
      channels: CHANNELS.filter((channel) =>
        own.some((publication) => publication.channels.includes(channel)),
      ),
    };
  });
  const catalogueItem = (row: (typeof catalogueTable)[number]): FigureItem => ({
    kind: 'catalogue_item',
    id: row.itemId,
    ref: row.code,
    on: row.publishedOn[0] ?? null,
  });
  book.count(
    'catalogue.items.listed',
    'catalogue',
    '清单事项',
    catalogueTable.map(catalogueItem),
    '目录中在用的清单事项数（另含本学年发布过、其后停用的事项）。',
  );
  book.count(
    'catalogue.items.published',
    'catalogue',
    '本学年公开的清单事项',
    catalogueTable.filter((row) => row.publishedInYear).map(catalogueItem),
    '本学年内发布过版本的清单事项数。',
  );

  const complaintsByMonth = countBy(
    complaints.map((state) => `${shanghaiDateOf(state.receivedAt).slice(0, 7)}|${state.source}`),
  ).map(([key, count]) => {
    const [month = '', source = ''] = key.split('|');
    return { month, source, count };
  });
  const hotspots = countBy(complaints.map((state) => state.category))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([key, count]) => ({ key, count }));

  const value = (id: string) => book.value(id) ?? 0;
  const channelText = channels
    .filter((entry) => entry.publications > 0)
    .map((entry) => CHANNEL_LABELS[entry.channel] ?? entry.channel)
    .join('、');
  const roundText = rounds
    .map(
      (round) =>
        `${round.noticeDate.slice(0, 4)}年${Number(round.noticeDate.slice(5, 7))}月（${HALF_LABELS[round.half] ?? round.half}）`,
    )
    .join('、');
  const paragraphs: Record<(typeof REPORT_SECTION_IDS)[number], string[]> = {
    overview: [
      `${year.name}学年（${year.from}至${year.to}），学校依据《高等学校信息公开办法》和《高等学校信息公开事项清单》，` +
        `完成${value('active.rounds.held')}轮信息主动公开更新，更新信息${value('active.publications.published')}条；` +
        `接诉即办受理诉求${received}件；收到信息公开申请${applicationsReceived}项；收到对信息公开工作的举报${reportsReceived}件。`,
    ],
    active: [
      `学校按照《高等学校信息公开事项清单》要求，完成${value('active.rounds.held')}轮信息主动公开更新工作` +
        (roundText ? `（分别于${roundText}发布信息公开工作通知）` : '') +
        `，更新各类信息${value('active.publications.published')}条，涉及清单事项${value('active.items.updated')}项、信息类别${value('active.categories.updated')}类。`,
      `结合机构调整，修订信息公开目录责任分工条目${value('active.responsibilities.revised')}条。` +
        (channelText ? `公开信息通过${channelText}等渠道发布。` : ''),
    ],
    service: [
      `${year.name}学年，校园接诉即办共受理诉求${received}件，其中来自北京市转办的诉求${city}件次，校内直接接办诉求${campus}件次，` +
        `已办结${value('service.complaints.completed')}件，完结率${percent(completionRate)}。`,
      `响应率${percent(responseRate)}，问题解决率${percent(resolutionRate)}，满意率${percent(satisfactionRate)}。`,
    ],
    application: [
      `${year.name}学年，共收到师生和公众的信息公开申请${applicationsReceived}项，作出答复${decided}项，` +
        `其中在规定时间内答复${answeredInTime}项。各项办理结果见政府信息公开申请情况表。`,
    ],
    evaluation: [
      `对已回访的${calledBack.length}件诉求，评价满意${value('evaluation.callbacks.satisfied')}件、基本满意${value('evaluation.callbacks.basically_satisfied')}件、不满意${value('evaluation.callbacks.unsatisfied')}件。`,
    ],
    supervision: [
      reportsReceived === 0
        ? `${year.name}学年，学校未收到师生和公众关于我校信息公开工作的举报。`
        : `${year.name}学年，学校收到关于我校信息公开工作的举报${reportsReceived}件，经调查属实${value('supervision.reports.substantiated')}件。`,
    ],
    problems: [inputs.problemsText?.text ?? DEFAULT_PROBLEMS_TEXT],
    catalogue: [
      `清单事项${value('catalogue.items.listed')}项，本学年公开${value('catalogue.items.published')}项，明细见下表。`,
    ],
  };
  const sections: ReportSection[] = REPORT_SECTION_IDS.map((id) => ({
    id,
    heading: SECTION_HEADINGS[id],
    paragraphs: paragraphs[id],
    figureIds: book.idsOf(id),
  }));
  return {
    book,
    report: {
      academicYear: year.name,
      title: `${year.name}学年信息公开工作报告`,
      period: { from: year.from, to: year.to, timeZone: 'Asia/Shanghai' },
      sections,
      figures: book.all().map(({ id, section, label, value: figureValue, unit }) => ({
        id,
        section,
        label,
        value: figureValue,
        unit,
      })),
      rounds: rounds.map((round) => {
        const summary = round.summary as {
          updated?: number;
          unchanged?: number;
          onTimeRate?: number | null;
        } | null;
        return {
          roundId: round.roundId,
          name: round.name,
          half: round.half,
          noticeDate: round.noticeDate,
          deadline: round.deadline,
          taskCount: round.taskCount ?? 0,
          closedOn: round.closedAt ? shanghaiDateOf(round.closedAt) : null,
          updated: summary?.updated ?? null,
          unchanged: summary?.unchanged ?? null,
          onTimeRate: summary?.onTimeRate ?? null,
        };
      }),
      channels,
      complaintsByMonth,
      applicationTable: table,
      catalogueTable,
      problems: {
        text: inputs.problemsText?.text ?? DEFAULT_PROBLEMS_TEXT,
        version: inputs.problemsText?.version ?? 0,
        updatedAt: inputs.problemsText?.savedAt.toISOString() ?? null,
        hotspots,
      },
    },
  };
}

function countBy(keys: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b));
}
