import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { startSystem, type RunningSystem } from '@gongkai/testing';
import { runDemo, type DemoResult } from '@gongkai/demo';

/**
 * `npm run demo` against the built apps: the seed-shaped year replayed through the gateway only,
 * then the annual report in every format, with the seed report's figures reproduced.
 */
describe('npm run demo', () => {
  let system: RunningSystem;
  let result: DemoResult;

  beforeAll(async () => {
    system = await startSystem({
      extraEnv: {
        RATE_LIMIT_PER_MINUTE: '1000000',
        REQUEST_TIMEOUT_MS: '30000',
        // The reminder pass is tested on its own; the back-dated rounds would only feed it.
        ROUNDS_NOTICE_INTERVAL_MS: '3600000',
      },
    });
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('replays the seed year through the gateway and the report states the seed’s figures', async () => {
    result = await runDemo({
      gatewayUrl: system.baseUrl,
      apiKey: system.adminKey,
      outDir: 'tmp/e2e/demo',
      explain: false,
    });
    expect(result.mismatches).toEqual([]);
    expect(result.ok).toBe(true);
    console.log(
      `demo: ${result.seconds.toFixed(0)} s, ${result.requests} requests; explained report in ${result.reportMs.toFixed(0)} ms`,
    );
  }, 1_500_000);

  it('writes the report as JSON, Markdown, HTML with its chart, and a DOCX holding the same figures', async () => {
    const file = (extension: string) => result.files.find((name) => name.endsWith(`.${extension}`)) as string;
    const json = JSON.parse(await readFile(file('json'), 'utf8')) as {
      figures: { id: string; value: number | null }[];
    };
    const received = json.figures.find((figure) => figure.id === 'service.complaints.received')?.value;
    expect(received).toBe(1254);
    expect(await readFile(file('md'), 'utf8')).toContain('校园接诉即办共受理诉求1254件');
    const html = await readFile(file('html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script/i);
    const docx = await JSZip.loadAsync(await readFile(file('docx')));
    const documentXml = (await docx.file('word/document.xml')?.async('string')) ?? '';
    expect(documentXml).toContain('1254');
    expect(documentXml).toContain('882');
  });
});
