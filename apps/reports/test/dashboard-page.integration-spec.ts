import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { foldCases, type CaseEvent } from '../src/app/annual/case-fold';
import { computeDashboard } from '../src/app/dashboard/dashboard';
import { renderDashboardPage } from '../src/app/dashboard/dashboard-page';
import { artifactsDir, launchChromium } from './support/headless-chromium';

// Screenshots (and the printed PDF) stay as artifacts in tmp/reports/.
const ARTIFACTS = artifactsDir('dashboard-page');

const received = (caseId: string, at: string, kind = 'complaint'): CaseEvent => ({
  caseId,
  aggregateVersion: 1,
  type: 'received',
  occurredAt: new Date(at),
  trackingNo: `GK-${caseId}`,
  kind,
  source: 'city_12345',
  category: 'canteen',
  status: 'received',
  receivedAt: new Date(at),
  leadDepartmentId: null,
  requesterType: null,
  details: {},
});

describe('the dashboard page in headless Chromium', () => {
  let browser: Browser;
  const unknownDepartment = '01a2a000-0000-7000-8000-000000000009';
  const now = new Date('2024-06-20T04:00:00Z');
  const dashboard = computeDashboard({
    now,
    cases: foldCases(
      [
        received('a', '2024-06-19T02:00:00Z'),
        received('b', '2024-04-02T02:00:00Z'),
        {
          ...received('b', '2024-04-02T02:00:00Z'),
          aggregateVersion: 2,
          type: 'overdue',
          occurredAt: new Date('2024-04-08T02:00:00Z'),
          details: { clock: 'reply' },
        },
        received('c', '2024-06-03T02:00:00Z', 'application'),
      ],
      now,
    ),
    rounds: [
      {
        roundId: 'r1',
        name: '2024年春季学期信息公开目录更新',
        noticeDate: '2024-06-03',
        deadline: '2024-06-18',
        status: 'open',
      },
    ],
    tasks: [
      {
        taskId: 't1',
        roundId: 'r1',
        departmentId: 'd1',
        status: 'published',
        deadline: '2024-06-18',
        overdue: false,
      },
      {
        taskId: 't2',
        roundId: 'r1',
        departmentId: 'd1',
        status: 'submitted',
        deadline: '2024-06-18',
        overdue: true,
      },
      {
        taskId: 't3',
        roundId: 'r1',
        departmentId: 'd2',
        status: 'pending',
        deadline: '2024-06-18',
        overdue: true,
      },
      {
        taskId: 't4',
        roundId: 'r1',
        departmentId: unknownDepartment,
        status: 'pending',
        deadline: '2024-06-18',
        overdue: true,
      },
    ],
    departmentNames: new Map([
      ['d1', '教务部'],
      ['d2', '后勤基建处<script>'],
    ]),
  });

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows open cases, overdue work, the round by department name and the month’s rates, and asks for nothing outside', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.setContent(renderDashboardPage(dashboard), { waitUntil: 'load' });

    for (const heading of ['在办诉求与申请（共 3 件）', '超期事项', '当前更新轮次', '本月与上月']) {
      expect(await page.getByRole('heading', { level: 2, name: heading, exact: true }).isVisible()).toBe(
        true,
      );
    }
    const roundRows = await page.locator('#round tr').allTextContents();
    expect(roundRows.slice(1)).toEqual([
      // name, tasks, published, pending, overdue; by pinyin (hòu before jiào), the unknown one last by id
      '后勤基建处<script>1011',
      '教务部2101',
      `${unknownDepartment}1011`,
    ]);
    expect(await page.getByRole('cell', { name: '信息公开申请', exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('cell', { name: '已受理', exact: true }).first().isVisible()).toBe(true);
    await expect(page.locator('#overdue p').textContent()).resolves.toBe(
      '超期诉求 1 件，超期更新任务 3 项。',
    );
    await expect(page.locator('#rates tr').nth(1).allTextContents()).resolves.toEqual([
      expect.stringContaining('受理诉求'),
    ]);
    // A department name is text, never markup: the page has no script at all.
    expect(await page.locator('script').count()).toBe(0);
    expect(requests.filter((url) => !url.startsWith('about:') && !url.startsWith('data:'))).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    await page.close();
  });
});
