import { SERVICE_NAMES } from '@gongkai/contracts';
import { busPermissionsOf, natsPasswordVariableOf } from '@gongkai/messaging';
import { stringify } from 'yaml';

/**
 * The NATS users on Kubernetes: Helm values for the NATS chart (deploy/k8s/nats/users.yaml, given
 * after values-<overlay>.yaml), rendered from the same source as tools/docker/nats-users.conf
 * (busPermissionsOf), so compose and Kubernetes cannot grant different subjects.
 */

/** The path of the generated values file, from the workspace root. */
export const NATS_USERS_VALUES = 'deploy/k8s/nats/users.yaml';

/** The Secret holding every NATS password, one key per user (`<APP>_NATS_PASSWORD`, `OPS_NATS_PASSWORD`). */
export const NATS_SECRET = 'gongkai-nats';

/**
 * The operators' user, for the chart's nats-box (stream backup and restore, `nats stream ls`):
 * every permission, like the observer connection of the tests. Compose has no nats-box.
 */
export const OPS_USER = 'ops';
export const OPS_PASSWORD_VARIABLE = 'OPS_NATS_PASSWORD';

const HEADER = [
  '# Generated from libs/messaging/src/bus/bus-permissions.ts by tools/deploy/src/nats-users.spec.ts',
  '# (UPDATE_NATS_USERS=1 rewrites it; the same source as tools/docker/nats-users.conf). Do not edit by hand.',
  "# Helm values for the NATS chart, given after the overlay's values:",
  '#   helm upgrade --install nats nats/nats --version 2.14.2 -n gongkai \\',
  '#     -f deploy/k8s/nats/values-<overlay>.yaml -f deploy/k8s/nats/users.yaml',
  `# One NATS user per app with its subject permissions; the chart writes \`<< $VAR >>\` unquoted, so`,
  `# nats-server reads each password from its environment, set from the Secret ${NATS_SECRET}.`,
  '',
].join('\n');

/** `<< $VAR >>`: the chart unquotes it, so nats-server reads the variable from its environment. */
export const variableReference = (variable: string) => `<< $${variable} >>`;

const fromSecret = (key: string) => ({ valueFrom: { secretKeyRef: { name: NATS_SECRET, key } } });

export interface NatsUserValues {
  user: string;
  password: string;
  permissions?: {
    publish: { allow: string[] };
    subscribe: { allow: string[] };
    allow_responses?: boolean;
  };
}

/** The values object: config.merge.authorization, the NATS container's env, nats-box's login. */
export function natsUsersValues() {
  const users: NatsUserValues[] = SERVICE_NAMES.map((service) => {
    const permissions = busPermissionsOf(service, '');
    return {
      user: service,
      password: variableReference(natsPasswordVariableOf(service)),
      permissions: {
        publish: { allow: permissions.publish.allow },
        subscribe: { allow: permissions.subscribe.allow },
        ...(permissions.allowResponses ? { allow_responses: true } : {}),
      },
    };
  });
  users.push({ user: OPS_USER, password: variableReference(OPS_PASSWORD_VARIABLE) });
  const variables = [...SERVICE_NAMES.map(natsPasswordVariableOf), OPS_PASSWORD_VARIABLE];
  return {
    config: { merge: { authorization: { users } } },
    container: {
      env: Object.fromEntries(variables.map((variable) => [variable, fromSecret(variable)])),
    },
    natsBox: {
      container: {
        // The nats CLI reads its login from NATS_USER / NATS_PASSWORD.
        env: { NATS_USER: OPS_USER, NATS_PASSWORD: fromSecret(OPS_PASSWORD_VARIABLE) },
      },
    },
  };
}

/** deploy/k8s/nats/users.yaml as it must read. */
export function renderNatsUsersValues(): string {
  return HEADER + stringify(natsUsersValues(), { lineWidth: 0 });
}
