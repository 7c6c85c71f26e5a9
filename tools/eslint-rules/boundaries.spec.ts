import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

interface Probe {
  filePath: string;
  code: string;
}
interface LintMessage {
  ruleId: string | null;
  message: string;
}

/** Lints each probe with the workspace's real eslint.config.mjs, as if it were that file. */
function lint(probes: Probe[]): Map<string, LintMessage[]> {
  const output = execFileSync(process.execPath, [join(__dirname, 'lint-probes.mjs')], {
    cwd: join(__dirname, '..', '..'),
    input: JSON.stringify(probes),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const results = JSON.parse(output) as { filePath: string; messages: LintMessage[] }[];
  return new Map(results.map(({ filePath, messages }) => [filePath, messages]));
}

const probe = (filePath: string, code: string): Probe => ({ filePath, code });
const errorsOf = (results: Map<string, LintMessage[]>, filePath: string, ruleId: string) =>
  (results.get(filePath) ?? []).filter((message) => message.ruleId === ruleId).map(({ message }) => message);

const BOUNDARIES = '@nx/enforce-module-boundaries';
const LAYERS = 'no-restricted-imports';
const CONTRACTS = '@nx/workspace-contracts-visibility';

const cases = {
  appImportsTesting: probe(
    'apps/rounds/src/app/lint-probe/probe.ts',
    `import { waitFor } from '@gongkai/testing';\nexport const probe = waitFor;\n`,
  ),
  appImportsServiceTesting: probe(
    'apps/catalogue/src/app/lint-probe/probe.ts',
    `import { startServiceUnderTest } from '@gongkai/service-testing';\nexport const probe = startServiceUnderTest;\n`,
  ),
  appTestImportsTesting: probe(
    'apps/rounds/test/lint-probe/probe.integration-spec.ts',
    `import { waitFor } from '@gongkai/testing';\nexport const probe = waitFor;\n`,
  ),
  permissionsImportsProjection: probe(
    'apps/permissions/src/app/lint-probe/probe.ts',
    `import { DepartmentProjectionModule } from '@gongkai/department-projection';\nexport const probe = DepartmentProjectionModule;\n`,
  ),
  roundsImportsProjection: probe(
    'apps/rounds/src/app/lint-probe/projection.ts',
    `import { DepartmentProjectionModule } from '@gongkai/department-projection';\nexport const probe = DepartmentProjectionModule;\n`,
  ),
  repositoryImportsHandler: probe(
    'apps/catalogue/src/app/lint-probe/probe.repository.ts',
    `import { ProbeHandler } from '../probe/probe.handler';\nexport const probe = ProbeHandler;\n`,
  ),
  repositoryImportsUseCase: probe(
    'apps/catalogue/src/app/lint-probe/other.repository.ts',
    `import type { ProbeUseCase } from './probe.use-case';\nexport type Probe = ProbeUseCase;\n`,
  ),
  useCaseImportsConsumer: probe(
    'apps/catalogue/src/app/lint-probe/probe.use-case.ts',
    `import { ProbeConsumer } from './probe.consumer';\nexport const probe = ProbeConsumer;\n`,
  ),
  layersInOrder: probe(
    'apps/catalogue/src/app/lint-probe/probe.handler.ts',
    `import { ProbeUseCase } from './probe.use-case';\nimport { ProbeRepository } from './probe.repository';\nexport const probe = [ProbeUseCase, ProbeRepository];\n`,
  ),
  useCaseImportsRepository: probe(
    'apps/catalogue/src/app/lint-probe/next.use-case.ts',
    `import { ProbeRepository } from './probe.repository';\nexport const probe = ProbeRepository;\n`,
  ),
  roundsImportsCatalogueContract: probe(
    'apps/rounds/src/app/lint-probe/contracts.ts',
    `import { CatalogueSubjects, DomainError } from '@gongkai/contracts';\nexport const probe = [CatalogueSubjects, DomainError];\n`,
  ),
  catalogueImportsPermissionsCommand: probe(
    'apps/catalogue/src/app/lint-probe/contracts.ts',
    `import { CreateDepartmentSchema } from '@gongkai/contracts';\nexport const probe = CreateDepartmentSchema;\n`,
  ),
  catalogueImportsWhatItConsumes: probe(
    'apps/catalogue/src/app/lint-probe/consumes.ts',
    `import { DepartmentMergedV1, RoundsTaskApprovedV1, type Action, CatalogueSubjects } from '@gongkai/contracts';\nexport const probe: [unknown, unknown, Action | null, unknown] = [DepartmentMergedV1, RoundsTaskApprovedV1, null, CatalogueSubjects];\n`,
  ),
  catalogueAsksPermissionsItself: probe(
    'apps/catalogue/src/app/lint-probe/check.ts',
    `import { CheckPermissionRpc } from '@gongkai/contracts';\nexport const probe = CheckPermissionRpc;\n`,
  ),
  catalogueImportsDecisions: probe(
    'apps/catalogue/src/app/lint-probe/decisions.ts',
    `import { DecisionClient } from '@gongkai/decisions';\nexport const probe = DecisionClient;\n`,
  ),
  // reports decides nothing (rounds and complaints now do, through the client).
  reportsImportsDecisions: probe(
    'apps/reports/src/app/lint-probe/decisions.ts',
    `import { DecisionClient } from '@gongkai/decisions';\nexport const probe = DecisionClient;\n`,
  ),
  catalogueImportsEverything: probe(
    'apps/catalogue/src/app/lint-probe/namespace.ts',
    `import * as contracts from '@gongkai/contracts';\nexport const probe = contracts;\n`,
  ),
  gatewaySeesAll: probe(
    'apps/gateway/src/app/lint-probe/contracts.ts',
    `import { CatalogueSubjects, CreateDepartmentSchema, RoundsTaskApprovedV1 } from '@gongkai/contracts';\nexport const probe = [CatalogueSubjects, CreateDepartmentSchema, RoundsTaskApprovedV1];\n`,
  ),
  projectionImportsPersonEvent: probe(
    'libs/department-projection/src/lint-probe/contracts.ts',
    `import { PersonCreatedV1, DepartmentCreatedV1 } from '@gongkai/contracts';\nexport const probe = [PersonCreatedV1, DepartmentCreatedV1];\n`,
  ),
  appTestSeesAllContracts: probe(
    'apps/rounds/test/lint-probe/contracts.integration-spec.ts',
    `import { CatalogueSubjects } from '@gongkai/contracts';\nexport const probe = CatalogueSubjects;\n`,
  ),
};

describe('lint rules that keep the workspace in shape', () => {
  let results: Map<string, LintMessage[]>;

  beforeAll(() => {
    results = lint(Object.values(cases));
  });

  describe('testing libs stay out of production code', () => {
    it('fails an app file importing @gongkai/testing', () => {
      expect(errorsOf(results, cases.appImportsTesting.filePath, BOUNDARIES)).toEqual([
        expect.stringMatching(/"type:app" can only depend on libs tagged with .*"scope:platform"/),
      ]);
    });

    it('fails an app file importing @gongkai/service-testing', () => {
      expect(errorsOf(results, cases.appImportsServiceTesting.filePath, BOUNDARIES)).toEqual([
        expect.stringMatching(/"type:app" can only depend on libs tagged with .*"scope:platform"/),
      ]);
    });

    it("lets an app's tests use them", () => {
      expect(results.get(cases.appTestImportsTesting.filePath)).toEqual([]);
    });
  });

  describe('per-service scopes', () => {
    it('keeps the department projection to the services that keep one', () => {
      // permissions owns the departments: it has nothing to project.
      expect(errorsOf(results, cases.permissionsImportsProjection.filePath, BOUNDARIES)).toEqual([
        expect.stringContaining(
          '"scope:permissions" can only depend on libs tagged with "scope:contracts", "scope:platform", "scope:decisions"',
        ),
      ]);
      expect(results.get(cases.roundsImportsProjection.filePath)).toEqual([]);
    });

    it("fails a service importing another service's contract, not the shared ones", () => {
      expect(errorsOf(results, cases.roundsImportsCatalogueContract.filePath, CONTRACTS)).toEqual([
        expect.stringMatching(/'CatalogueSubjects' belongs to catalogue\/subjects, which rounds may not use/),
      ]);
    });

    it('fails catalogue importing a permissions command, but not the events and checks it consumes', () => {
      expect(errorsOf(results, cases.catalogueImportsPermissionsCommand.filePath, CONTRACTS)).toEqual([
        expect.stringContaining("'CreateDepartmentSchema' belongs to permissions/departments"),
      ]);
      expect(results.get(cases.catalogueImportsWhatItConsumes.filePath)).toEqual([]);
    });

    it('decides only through @gongkai/decisions, in the apps the table lets use it', () => {
      expect(errorsOf(results, cases.catalogueAsksPermissionsItself.filePath, CONTRACTS)).toEqual([
        expect.stringContaining("'CheckPermissionRpc' belongs to permissions/rpc"),
      ]);
      expect(results.get(cases.catalogueImportsDecisions.filePath)).toEqual([]);
      expect(errorsOf(results, cases.reportsImportsDecisions.filePath, BOUNDARIES)).toEqual([
        expect.stringContaining('"scope:reports" can only depend on libs tagged with'),
      ]);
    });

    it('fails a namespace import, whose names cannot be checked', () => {
      expect(errorsOf(results, cases.catalogueImportsEverything.filePath, CONTRACTS)).toEqual([
        expect.stringContaining('Import named symbols'),
      ]);
    });

    it('lets the gateway and the tests see every contract', () => {
      expect(results.get(cases.gatewaySeesAll.filePath)).toEqual([]);
      expect(results.get(cases.appTestSeesAllContracts.filePath)).toEqual([]);
    });

    it('keeps the department projection lib to department events', () => {
      expect(errorsOf(results, cases.projectionImportsPersonEvent.filePath, CONTRACTS)).toEqual([
        expect.stringContaining("'PersonCreatedV1' belongs to permissions/people"),
      ]);
    });
  });

  describe('layers inside an app: handlers → use cases → repositories', () => {
    it('fails a repository importing a handler', () => {
      expect(errorsOf(results, cases.repositoryImportsHandler.filePath, LAYERS)).toEqual([
        expect.stringContaining('A repository is the bottom layer'),
      ]);
    });

    it('fails a repository importing a use case, even for a type', () => {
      expect(errorsOf(results, cases.repositoryImportsUseCase.filePath, LAYERS)).toEqual([
        expect.stringContaining('A repository is the bottom layer'),
      ]);
    });

    it('fails a use case importing a consumer', () => {
      expect(errorsOf(results, cases.useCaseImportsConsumer.filePath, LAYERS)).toEqual([
        expect.stringContaining('A use case must not import'),
      ]);
    });

    it('lets each layer import the ones below it', () => {
      expect(results.get(cases.layersInOrder.filePath)).toEqual([]);
      expect(results.get(cases.useCaseImportsRepository.filePath)).toEqual([]);
    });
  });
});
