import { functionLevelCases } from './function-level.cases';
import { fuzzCases } from './fuzz.cases';
import { hostileTextCases } from './hostile-text.cases';
import { limitsCases } from './limits.cases';
import { massAssignmentCases } from './mass-assignment.cases';
import { objectLevelCases } from './object-level.cases';
import { startSuite, summary, type SuiteContext } from './suite/suite-state';

/**
 * Issue 9's API security suite (OWASP API Security Top 10, 2023) against the built system: one
 * system for every category, in this order (the function-level cases, where the office's own
 * requests change the most, last). README.md in this folder says what each category checks.
 */
describe('API security (npm run test:security)', () => {
  let suite: SuiteContext | undefined;
  const context = (): SuiteContext => {
    if (!suite) throw new Error('the system did not start');
    return suite;
  };

  beforeAll(async () => {
    const started = Date.now();
    suite = await startSuite();
    process.stdout.write(
      `system ${suite.system.runId} up and campus set up in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
    );
  }, 400_000);

  afterAll(async () => {
    if (suite) process.stdout.write(`\n${summary(suite)}`);
    await suite?.system.stop();
  });

  objectLevelCases(context);
  massAssignmentCases(context);
  limitsCases(context);
  hostileTextCases(context);
  fuzzCases(context);
  functionLevelCases(context);
});
