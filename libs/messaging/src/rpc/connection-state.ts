import type { NatsConnection } from '@nats-io/transport-node';

/** Whether a NATS connection is up right now, from its status events (one watcher per connection). */
export interface ConnectionState {
  readonly connected: boolean;
}

const states = new WeakMap<NatsConnection, ConnectionState>();

/**
 * While NATS is unreachable the client queues requests until they time out; knowing the
 * connection is down lets a caller answer UNAVAILABLE at once instead (the gateway: 503 in
 * milliseconds rather than 504 after REQUEST_TIMEOUT_MS).
 */
export function connectionStateOf(connection: NatsConnection): ConnectionState {
  const known = states.get(connection);
  if (known) return known;
  let connected = true;
  const state: ConnectionState = {
    get connected() {
      return connected && !connection.isClosed();
    },
  };
  states.set(connection, state);
  void (async () => {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect') connected = false;
      else if (status.type === 'reconnect') connected = true;
    }
  })().catch(() => undefined);
  return state;
}
