import type { ConnectionOptions } from '@nats-io/transport-node';

/**
 * How every long-lived NATS connection of an app (request/reply server and client, events)
 * survives a NATS outage: it never gives up reconnecting (the client's default stops after 10
 * tries, about 20 s, and leaves the service deaf until restarted), tries again every second or so
 * (plus jitter, so a fleet does not reconnect in lock-step), and notices a silent server (no TCP
 * reset, e.g. a network partition) within about 30 s instead of the default 4 minutes. The
 * client re-subscribes every subscription, queue groups included, once it is connected again.
 */
export const RECONNECT_FOREVER = {
  maxReconnectAttempts: -1,
  reconnectTimeWait: 1000,
  pingInterval: 10_000,
  maxPingOut: 3,
} as const satisfies Partial<ConnectionOptions>;
