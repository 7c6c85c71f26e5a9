import type { ServiceName } from '@gongkai/contracts';
import { ServerNats, type NatsOptions } from '@nestjs/microservices';
import type { Msg, NatsConnection } from '@nats-io/transport-node';
import { nuid } from '@nats-io/transport-node';
import { prefixSubject, queueGroupOf } from './prefix';

type NatsServerOptions = Required<NatsOptions>['options'];

export interface ServiceNatsServerOptions extends Omit<NatsServerOptions, 'queue' | 'deserializer'> {
  /** NATS server URL(s), e.g. config.nats.url. */
  servers: string | string[];
  /** Deployment prefix (config.nats.prefix); '' in production. */
  prefix: string;
  /** The service whose requests this server answers; names its queue group. */
  service: ServiceName;
}

interface NestPacket {
  id?: string;
  pattern?: unknown;
  data?: unknown;
}

/**
 * Accepts Nest's `{ id, pattern, data }` packets and, so plain NATS clients (the `nats` CLI,
 * probes) can ask too, any other JSON (or an empty payload) sent with a reply subject. A
 * payload that is not JSON reaches the handler as `undefined`, where validation rejects it,
 * rather than failing silently and leaving the caller to time out.
 */
class RpcRequestDeserializer {
  deserialize(msg: Msg, options?: { channel: string; replyTo?: string }): NestPacket {
    let value: unknown;
    try {
      value = msg.data.length === 0 ? undefined : msg.json();
    } catch {
      value = undefined;
    }
    const packet = value as NestPacket | undefined;
    if (packet && typeof packet === 'object' && (packet.pattern !== undefined || packet.data !== undefined)) {
      return packet;
    }
    return { pattern: options?.channel, data: value, id: msg.reply ? nuid.next() : undefined };
  }
}

/**
 * Nest's NATS server, with every subject and the queue group carrying the deployment prefix:
 * a handler for `permissions.departments.create` listens on `<prefix>.permissions.departments.create`
 * in queue group `<prefix>.permissions`. Handlers keep the unprefixed subject from contracts.
 *
 * Only request handlers (`@MessagePattern`) are bound here. Domain events travel over JetStream
 * with their own consumers; binding `@EventPattern`s as core NATS subscriptions would deliver
 * each event a second time, past the inbox.
 */
export class ServiceNatsServer extends ServerNats {
  private readonly prefix: string;
  private readonly service: ServiceName;

  constructor(options: ServiceNatsServerOptions) {
    const { prefix, service, ...natsOptions } = options;
    super({
      name: prefixSubject(prefix, service),
      ...natsOptions,
      deserializer: new RpcRequestDeserializer(),
    });
    this.prefix = prefix;
    this.service = service;
  }

  override start(callback: (err?: unknown, ...optionalParams: unknown[]) => void): void {
    const connection = this.unwrap<NatsConnection>();
    this.bindEvents(connection);
    // The server has registered every subscription once the flush returns, so the first
    // request after `listen()` resolves finds a responder.
    connection.flush().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  override bindEvents(connection: NatsConnection): void {
    const queue = queueGroupOf(this.prefix, this.service);
    for (const [channel, handler] of this.getHandlers()) {
      if (handler.isEventHandler) continue;
      connection.subscribe(prefixSubject(this.prefix, channel), {
        queue,
        callback: this.getMessageHandler(channel).bind(this) as (err: Error | null, msg: Msg) => void,
      });
    }
  }
}
