// Lints code that exists only in memory as if it were files of the workspace, with the real
// eslint.config.mjs. Reads [{ filePath, code }] (paths relative to the workspace, each in a
// `lint-probe` folder) on stdin and prints [{ filePath, messages: [{ ruleId, message }] }].
// A child process because Jest's module sandbox cannot load ESLint's ESM config.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));
const PROBES = [
  'apps/*/src/app/lint-probe/*.ts',
  'apps/*/test/lint-probe/*.ts',
  'libs/*/src/lint-probe/*.ts',
];

let input = '';
for await (const chunk of process.stdin) input += chunk;
const probes = JSON.parse(input);

const eslint = new ESLint({
  cwd: workspaceRoot,
  // Type information for files that are in no tsconfig because they are not on disk.
  overrideConfig: [
    {
      files: PROBES,
      languageOptions: {
        parserOptions: {
          projectService: {
            allowDefaultProject: PROBES,
            defaultProject: 'tsconfig.base.json',
            // Every probe stays open in the default project; only probes match, so it stays small.
            maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 100,
          },
        },
      },
    },
  ],
});
const results = [];
for (const { filePath, code } of probes) {
  if (!filePath.split('/').includes('lint-probe'))
    throw new Error(`${filePath} is not in a lint-probe folder`);
  const [result] = await eslint.lintText(code, { filePath });
  results.push({
    filePath,
    messages: (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message })),
  });
}
process.stdout.write(JSON.stringify(results));
