import {
  RULE_NAME as contractsVisibilityName,
  rule as contractsVisibility,
} from './rules/contracts-visibility';

/**
 * The workspace's own lint rules, loaded by @nx/eslint-plugin as `@nx/workspace-<name>` (Nx's
 * convention for tools/eslint-rules). Only for what no maintained plugin checks.
 */
module.exports = {
  rules: {
    [contractsVisibilityName]: contractsVisibility,
  },
};
