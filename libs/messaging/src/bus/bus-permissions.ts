import {
  CatalogueRpc,
  CheckPermissionRpc,
  DATA_SERVICES,
  PRODUCING_SERVICES,
  SERVICE_NAMES,
  type ProducingServiceName,
  type ServiceName,
} from '@gongkai/contracts';
import { streamName } from '../naming';
import { prefixSubject } from '../rpc/prefix';

/**
 * Who may say what on the internal bus: the one source of the NATS users' permissions
 * (tools/docker/nats-users.conf is rendered from it, a test keeps the two equal; the launcher and
 * the tests render it at run time for their prefix).
 *
 * - Every data service answers only its own subjects (`<service>.>`) and publishes only its own
 *   events (`evt.<service>.>`).
 * - Only the gateway calls commands and queries; a service may call another service only for the
 *   read-only subjects listed in INTERNAL_CALLS, as its own system actor.
 * - Each app reads (consumes) only the streams listed in STREAMS_READ; MessagingRuntime refuses to
 *   start a consumer on any other, so this list cannot fall behind the code.
 */
export const STREAMS_READ: Readonly<Record<ServiceName, readonly ProducingServiceName[]>> = {
  // The decision cache follows permissions' events.
  gateway: ['permissions'],
  permissions: [],
  catalogue: ['permissions', 'rounds'],
  rounds: ['permissions', 'catalogue'],
  complaints: ['permissions'],
  // The department projection gives the dashboard its names.
  reports: ['permissions', 'catalogue', 'rounds', 'complaints'],
};

/** Subjects (unprefixed) a service may request from another service; everything else is the gateway's. */
export const INTERNAL_CALLS: Readonly<Record<ServiceName, readonly string[]>> = {
  gateway: [],
  permissions: [],
  catalogue: [CheckPermissionRpc.subject],
  rounds: [CheckPermissionRpc.subject, CatalogueRpc.getPublication.subject],
  complaints: [CheckPermissionRpc.subject],
  reports: [],
};

export interface NatsPermissions {
  publish: { allow: string[] };
  subscribe: { allow: string[] };
  /** Answer requests received (publish to their reply subjects) for as long as a reply is due. */
  allowResponses: boolean;
}

/** The inbox every connection of `service` uses, so it can subscribe to its own replies and no one else's. */
export function inboxPrefixOf(service: ServiceName): string {
  return `_INBOX.${service}`;
}

function isProducer(service: ServiceName): service is ProducingServiceName {
  return (PRODUCING_SERVICES as readonly string[]).includes(service);
}

/** JetStream API subjects for one consumer side: durable and ordered consumers on `stream`. */
function readStream(stream: string): string[] {
  return [
    `$JS.API.STREAM.INFO.${stream}`,
    // CREATE.<stream> (ephemeral, older servers), CREATE.<stream>.<name>[.<filter>], INFO, DELETE.
    `$JS.API.CONSUMER.CREATE.${stream}`,
    `$JS.API.CONSUMER.CREATE.${stream}.>`,
    `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.>`,
    `$JS.API.CONSUMER.INFO.${stream}.>`,
    `$JS.API.CONSUMER.DELETE.${stream}.>`,
    `$JS.API.CONSUMER.MSG.NEXT.${stream}.>`,
    `$JS.ACK.${stream}.>`,
  ];
}

/** The NATS permissions of one app's user under deployment prefix `prefix` ('' in production). */
export function busPermissionsOf(service: ServiceName, prefix: string): NatsPermissions {
  const publish = new Set<string>(['$JS.API.INFO']);
  const subscribe = new Set<string>([`${inboxPrefixOf(service)}.>`]);
  if (service === 'gateway') {
    // Every request subject of every data service (never `evt.…`: those start with `evt`).
    for (const target of DATA_SERVICES) publish.add(prefixSubject(prefix, `${target}.>`));
  } else {
    subscribe.add(prefixSubject(prefix, `${service}.>`));
    // The container health check asks the service itself with the service's own credentials.
    publish.add(prefixSubject(prefix, `${service}.health.ping`));
    for (const subject of INTERNAL_CALLS[service]) publish.add(prefixSubject(prefix, subject));
  }
  if (isProducer(service)) {
    const own = streamName(prefix, service);
    publish.add(prefixSubject(prefix, `evt.${service}.>`));
    for (const verb of ['CREATE', 'UPDATE', 'MSG.GET']) publish.add(`$JS.API.STREAM.${verb}.${own}`);
    // It reads its own stream too: `verify` reads its chain's checkpoints back.
    for (const subject of readStream(own)) publish.add(subject);
  }
  for (const source of STREAMS_READ[service]) {
    for (const subject of readStream(streamName(prefix, source))) publish.add(subject);
  }
  return {
    publish: { allow: [...publish] },
    subscribe: { allow: [...subscribe] },
    allowResponses: service !== 'gateway',
  };
}

export function busPermissions(prefix: string): Record<ServiceName, NatsPermissions> {
  return Object.fromEntries(
    SERVICE_NAMES.map((service) => [service, busPermissionsOf(service, prefix)]),
  ) as Record<ServiceName, NatsPermissions>;
}
