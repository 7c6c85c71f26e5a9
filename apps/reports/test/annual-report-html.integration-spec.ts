import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { renderHtml } from '../src/app/annual/documents/html';
import { annualReportFixture, HOSTILE_TITLE } from '../src/app/annual/documents/report-fixture';
import { artifactsDir, launchChromium } from './support/headless-chromium';

// Screenshots (and the printed PDF) stay as artifacts in tmp/reports/.
const ARTIFACTS = artifactsDir('annual-report-html');

describe('the HTML annual report in headless Chromium', () => {
  let browser: Browser;
  const report = annualReportFixture(true);

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows every section heading, the tables and the complaints chart, and asks for nothing outside', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.setContent(renderHtml(report), { waitUntil: 'load' });

    await expect(page.locator('h1').textContent()).resolves.toBe(report.title);
    for (const section of report.sections) {
      const heading = page.getByRole('heading', { level: 2, name: section.heading, exact: true });
      expect(await heading.isVisible()).toBe(true);
    }
    const chart = page.locator('#complaints-by-month svg');
    expect(await chart.isVisible()).toBe(true);
    const box = await chart.boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(box?.height).toBeGreaterThan(100);
    // Bars are drawn: one path per source and month with complaints, and the legend names the sources.
    expect(await chart.locator('path').count()).toBeGreaterThan(5);
    await expect(chart.textContent()).resolves.toContain('北京市12345转办');
    expect(await page.getByRole('cell', { name: HOSTILE_TITLE, exact: true }).isVisible()).toBe(true);
    const received = report.figures.find((figure) => figure.id === 'service.complaints.received');
    await expect(
      page.locator('tr[data-figure="service.complaints.received"] td').allTextContents(),
    ).resolves.toEqual([expect.stringContaining(received?.label ?? '?'), '5']);
    expect(await page.locator('script').count()).toBe(0);
    expect(requests.filter((url) => !url.startsWith('about:') && !url.startsWith('data:'))).toEqual([]);

    await page.locator('#complaints-by-month').screenshot({ path: join(ARTIFACTS, 'complaints-chart.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'annual-report.png'), fullPage: true });
    await page.close();
  });

  it('prints on A4', async () => {
    const page = await browser.newPage();
    await page.setContent(renderHtml(report), { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ path: join(ARTIFACTS, 'annual-report.pdf'), preferCSSPageSize: true });
    // A4 is 210 × 297 mm, 595.28 × 841.89 points; Chromium writes it rounded to its own units.
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
    expect(boxes.length).toBeGreaterThan(1);
    for (const [, width, height] of boxes) {
      expect(Math.abs(Number(width) - 595.28)).toBeLessThan(1);
      expect(Math.abs(Number(height) - 841.89)).toBeLessThan(1);
    }
    await page.close();
  });
});
