import { SERVICE_NAMES, type ServiceName } from '@gongkai/contracts';
import { busPermissionsOf, type NatsPermissions } from './bus-permissions';

/** The environment variable holding a service's NATS password, e.g. `ROUNDS_NATS_PASSWORD`. */
export function natsPasswordVariableOf(service: ServiceName): string {
  return `${service.toUpperCase()}_NATS_PASSWORD`;
}

export interface NatsAuthorizationOptions {
  /** Deployment prefix ('' in production). */
  prefix: string;
  /**
   * `variables`: each password is `$<SERVICE>_NATS_PASSWORD`, which nats-server reads from its
   * environment (docker-compose.yml, the launcher). Or the passwords themselves (tests).
   */
  passwords: 'variables' | Readonly<Record<ServiceName, string>>;
  /** More users with every permission (a test's own observer connection). */
  unrestrictedUsers?: readonly { user: string; password: string }[];
}

const quote = (value: string) => JSON.stringify(value);
const list = (values: readonly string[], indent: string) =>
  `[\n${values.map((value) => `${indent}  ${quote(value)}`).join('\n')}\n${indent}]`;

function renderPermissions(permissions: NatsPermissions): string {
  const lines = [
    '      permissions: {',
    `        publish: { allow: ${list(permissions.publish.allow, '        ')} }`,
    `        subscribe: { allow: ${list(permissions.subscribe.allow, '        ')} }`,
  ];
  if (permissions.allowResponses) lines.push('        allow_responses: true');
  lines.push('      }');
  return lines.join('\n');
}

/**
 * nats-server's `authorization` block: one user per app (user name = app name) with the
 * permissions of busPermissionsOf. Clients then connect with NATS_USER / NATS_PASSWORD.
 */
export function renderNatsAuthorization(options: NatsAuthorizationOptions): string {
  const users = SERVICE_NAMES.map((service: ServiceName) => {
    const password =
      options.passwords === 'variables'
        ? `$${natsPasswordVariableOf(service)}`
        : quote(options.passwords[service]);
    return [
      '    {',
      `      user: ${quote(service)}`,
      `      password: ${password}`,
      renderPermissions(busPermissionsOf(service, options.prefix)),
      '    }',
    ].join('\n');
  });
  for (const extra of options.unrestrictedUsers ?? []) {
    users.push(`    { user: ${quote(extra.user)}, password: ${quote(extra.password)} }`);
  }
  return `authorization {\n  users = [\n${users.join('\n')}\n  ]\n}\n`;
}
