import type { ServiceName } from '@gongkai/contracts';
import { inboxPrefixOf } from './bus-permissions';

/** NATS_USER / NATS_PASSWORD as config parses them (both or neither). */
export interface NatsCredentials {
  user: string;
  password: string;
}

/** What `connect()` needs to log in as `service`'s user and receive replies on its own inbox. */
export interface NatsAuthOptions {
  user?: string;
  pass?: string;
  inboxPrefix: string;
}

export function natsAuthOptions(service: ServiceName, credentials?: NatsCredentials): NatsAuthOptions {
  return {
    ...(credentials ? { user: credentials.user, pass: credentials.password } : {}),
    inboxPrefix: inboxPrefixOf(service),
  };
}
