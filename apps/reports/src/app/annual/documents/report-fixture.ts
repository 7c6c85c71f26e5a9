import { AnnualReportSchema, type AnnualReport } from '@gongkai/contracts';
import { academicYearOf } from '../academic-year';
import { computeAnnualReport } from '../annual-report';
import { foldCases, type CaseEvent } from '../case-fold';

/** A title a user might type, to prove every document escapes it. */
export const HOSTILE_TITLE = '<script>alert("公开")</script> & 食堂 | 价格';

const received = (index: number, source: string, receivedAt: string): CaseEvent => ({
  caseId: `00000000-0000-7000-8000-${String(index).padStart(12, '0')}`,
  aggregateVersion: 1,
  type: 'received',
  occurredAt: new Date(receivedAt),
  trackingNo: `TS-${index}`,
  kind: 'complaint',
  source,
  category: index % 2 === 0 ? '食堂' : '宿舍',
  status: 'received',
  receivedAt: new Date(receivedAt),
  leadDepartmentId: null,
  requesterType: null,
  details: {},
});

/**
 * A 2023-2024 report computed by the real rules from a few projections: complaints from two sources
 * in different months (one late on 31 August, Beijing time), one item with a hostile title published
 * in the year. The document tests render it; its figures are tested with the rules themselves.
 */
export function annualReportFixture(explain = false): AnnualReport {
  const year = academicYearOf('2023-2024');
  const { report, book } = computeAnnualReport({
    year,
    cases: foldCases(
      [
        received(1, 'city_12345', '2023-09-03T02:00:00Z'),
        received(2, 'city_12345', '2023-09-20T02:00:00Z'),
        received(3, 'campus_hotline', '2023-10-08T02:00:00Z'),
        received(4, 'city_12345', '2024-03-11T02:00:00Z'),
        received(5, 'campus_hotline', '2024-08-31T15:00:00Z'),
      ],
      year.end,
    ),
    items: [
      {
        itemId: '00000000-0000-7000-9000-000000000001',
        code: 'A-01',
        title: HOSTILE_TITLE,
        categoryCode: 'basic',
        status: 'active',
      },
      {
        itemId: '00000000-0000-7000-9000-000000000002',
        code: 'A-02',
        title: '学校章程及制定的各项规章制度',
        categoryCode: 'basic',
        status: 'active',
      },
    ],
    categories: [{ code: 'basic', name: '基本信息', sortOrder: 1 }],
    publications: [
      {
        publicationId: '00000000-0000-7000-a000-000000000001',
        itemId: '00000000-0000-7000-9000-000000000001',
        itemCode: 'A-01',
        version: 1,
        channels: ['disclosure_site', 'wechat'],
        publishedAt: new Date('2024-06-12T03:00:00Z'),
      },
    ],
    revisions: [],
    rounds: [],
    problemsText: null,
  });
  return AnnualReportSchema.parse(
    explain
      ? {
          ...report,
          explanations: book.all().map((figure) => ({
            figureId: figure.id,
            rule: figure.rule,
            itemsHref: `/api/v1/reports/annual/2023-2024/figures/${figure.id}/items`,
            itemCount: figure.items.length,
          })),
        }
      : report,
  );
}
