import { relative, sep } from 'node:path';
import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

export const RULE_NAME = 'contracts-visibility';

export interface ContractsVisibilityOptions {
  /** Absolute path of libs/contracts/src. */
  contractsDir: string;
  /**
   * Besides `common/`: folders or files relative to `contractsDir`, without extension
   * (`rounds`, `rounds/tasks`), optionally narrowed to some exports by name
   * (`permissions/reorganisations#Department*V1`); `'*'` allows everything.
   */
  visible: string[];
  /** Named in the message. */
  project?: string;
}

type MessageId = 'notVisible' | 'namespace';

// ts.SymbolFlags.Alias, without loading TypeScript at run time.
const ALIAS = 2097152;

/**
 * `@gongkai/contracts` is one barrel for every service's subjects, schemas and events, so an
 * import path says nothing about whose contract a name is. This rule asks TypeScript where each
 * imported name is declared (through the barrel's `export *`) and allows it only when that module
 * is visible to the linted file. It needs type information (`parserOptions.projectService`).
 */
export const rule = ESLintUtils.RuleCreator(
  () => 'https://github.com/gongkai/gongkai/blob/main/eslint.config.mjs',
)<[ContractsVisibilityOptions], MessageId>({
  name: RULE_NAME,
  meta: {
    type: 'problem',
    docs: { description: 'Import from @gongkai/contracts only the contracts this project may see' },
    schema: [
      {
        type: 'object',
        properties: {
          contractsDir: { type: 'string' },
          visible: { type: 'array', items: { type: 'string' } },
          project: { type: 'string' },
        },
        required: ['contractsDir', 'visible'],
        additionalProperties: false,
      },
    ],
    messages: {
      notVisible:
        "'{{name}}' belongs to {{module}}, which {{project}} may not use (it sees: {{visible}}). If the dependency is intended, add it to the table in eslint.config.mjs.",
      namespace: 'Import named symbols from @gongkai/contracts, so whose contracts they are can be checked.',
    },
  },
  defaultOptions: [{ contractsDir: '', visible: [] }],
  create(context, [{ contractsDir, visible, project = 'this project' }]) {
    const everything = visible.includes('*');
    const allowed = ['common', ...visible];
    const entries = allowed.map((entry) => {
      const [path = '', names] = entry.split('#');
      const pattern = names ? new RegExp(`^${names.split('*').map(escapeRegExp).join('.*')}$`) : null;
      return { path, pattern };
    });
    const isVisible = (module: string, name: string) =>
      everything ||
      entries.some(
        ({ path, pattern }) =>
          (module === path || module.startsWith(`${path}/`)) && (!pattern || pattern.test(name)),
      );
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();

    /** `permissions/events` for …/libs/contracts/src/permissions/events.ts; null outside it. */
    function contractModuleOf(fileName: string): string | null {
      const path = relative(contractsDir, fileName);
      if (path.startsWith('..') || path.startsWith(sep)) return null;
      return path
        .split(sep)
        .join('/')
        .replace(/(\.d)?\.[cm]?[jt]s$/, '');
    }

    function check(specifier: TSESTree.Node, name: TSESTree.Identifier | TSESTree.StringLiteral): void {
      let symbol: ts.Symbol | undefined = checker.getSymbolAtLocation(
        services.esTreeNodeToTSNodeMap.get(name),
      );
      if (!symbol) return;
      if (symbol.flags & ALIAS) symbol = checker.getAliasedSymbol(symbol);
      for (const declaration of symbol.declarations ?? []) {
        const module = contractModuleOf(declaration.getSourceFile().fileName);
        if (module !== null && !isVisible(module, symbol.name)) {
          context.report({
            node: specifier,
            messageId: 'notVisible',
            data: {
              name: symbol.name,
              module,
              project,
              visible: everything ? 'everything' : allowed.join(', '),
            },
          });
          return;
        }
      }
    }

    function checkDeclaration(
      node: TSESTree.ImportDeclaration | TSESTree.ExportNamedDeclaration | TSESTree.ExportAllDeclaration,
    ): void {
      if (node.source?.value !== '@gongkai/contracts') return;
      if (node.type === 'ExportAllDeclaration') {
        if (!everything) context.report({ node, messageId: 'namespace' });
        return;
      }
      for (const specifier of node.specifiers) {
        if (specifier.type === 'ImportNamespaceSpecifier') {
          if (!everything) context.report({ node: specifier, messageId: 'namespace' });
        } else if (specifier.type === 'ImportSpecifier') {
          check(specifier, specifier.imported);
        } else if (specifier.type === 'ExportSpecifier') {
          check(specifier, specifier.local);
        }
      }
    }

    return {
      ImportDeclaration: checkDeclaration,
      ExportNamedDeclaration: checkDeclaration,
      ExportAllDeclaration: checkDeclaration,
    };
  },
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
