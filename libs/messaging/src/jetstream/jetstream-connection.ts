import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { NatsAuthOptions } from '../bus/nats-credentials';
import { drainOrClose } from '../nats-drain';
import { RECONNECT_FOREVER } from '../nats-reconnect';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';

export interface JetStreamConnection {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  close(): Promise<void>;
}

export async function connectJetStream(options: {
  url: string;
  name: string;
  auth?: NatsAuthOptions;
}): Promise<JetStreamConnection> {
  const nc = await connect({
    servers: options.url,
    name: options.name,
    ...options.auth,
    ...RECONNECT_FOREVER,
  });
  const jsm = await jetstreamManager(nc);
  return {
    nc,
    js: jetstream(nc),
    jsm,
    // Bounded, so a service can stop while NATS is unreachable.
    close: () => drainOrClose(nc, 10_000),
  };
}
