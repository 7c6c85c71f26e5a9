import type { ServiceName } from '@gongkai/contracts';
import { ServerNats, type NatsContext, type NatsOptions, type OutgoingResponse } from '@nestjs/microservices';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { headers as natsHeaders, nuid } from '@nats-io/transport-node';
import { gzipSync } from 'node:zlib';
import { drainOrClose } from '../nats-drain';
import { actorNotProven, type ActorProofVerifier } from './actor-proof';
import { RECONNECT_FOREVER } from '../nats-reconnect';
import { InFlight } from './in-flight';
import { prefixSubject, queueGroupOf } from './prefix';
import { DEFAULT_NATS_MAX_PAYLOAD_BYTES, REPLY_OVERHEAD_BYTES, replyTooLarge } from './reply-size';
import { COMPRESS_REPLIES_ABOVE_BYTES, REPLY_ENCODING_HEADER, encodeError } from './rpc-wire';

type NatsServerOptions = Required<NatsOptions>['options'];

export interface ServiceNatsServerOptions extends Omit<NatsServerOptions, 'queue' | 'deserializer'> {
  /** NATS server URL(s), e.g. config.nats.url. */
  servers: string | string[];
  /** Deployment prefix (config.nats.prefix); '' in production. */
  prefix: string;
  /** The service whose requests this server answers; names its queue group. */
  service: ServiceName;
  /**
   * On close, how long to wait for requests in flight to be answered (default 10 s; services
   * pass REQUEST_TIMEOUT_MS, after which no caller is waiting any more).
   */
  drainTimeoutMs?: number;
  /**
   * Checks the gateway's actor proof on the subjects services may publish too (INTERNAL_CALLS):
   * a person or API client named there without a valid one is refused (ACTOR_NOT_PROVEN) before
   * any handler runs. startDataService always passes one (GATEWAY_ACTOR_PUBLIC_KEY); without it
   * nothing is checked (tests of the transport itself).
   */
  actorProofs?: ActorProofVerifier;
}

const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

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
 *
 * Its connection reconnects for ever (RECONNECT_FOREVER) and the client re-subscribes every
 * subject after a reconnect, so a NATS outage of any length ends with the service answering
 * again, without a restart. `close()` drains: it stops taking requests (the queue group sends new
 * ones to other replicas), waits for the replies of those in flight, flushes them, then closes.
 */
export class ServiceNatsServer extends ServerNats {
  private readonly prefix: string;
  private readonly service: ServiceName;
  private readonly drainTimeoutMs: number;
  private readonly actorProofs: ActorProofVerifier | undefined;
  private readonly deserializeRequest = new RpcRequestDeserializer();
  private readonly inFlight = new InFlight();
  private requestSubscriptions: Subscription[] = [];

  constructor(options: ServiceNatsServerOptions) {
    const { prefix, service, drainTimeoutMs, actorProofs, ...natsOptions } = options;
    super({
      name: prefixSubject(prefix, service),
      ...RECONNECT_FOREVER,
      ...natsOptions,
      deserializer: new RpcRequestDeserializer(),
    });
    this.actorProofs = actorProofs;
    this.prefix = prefix;
    this.service = service;
    this.drainTimeoutMs = drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
  }

  /** Requests received and not yet answered. */
  get requestsInFlight(): number {
    return this.inFlight.size;
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
      const handle = this.getMessageHandler(channel).bind(this) as (
        err: Error | null,
        msg: Msg,
      ) => Promise<unknown>;
      const subscription = connection.subscribe(prefixSubject(this.prefix, channel), {
        queue,
        // Nest publishes the reply on a later tick than the handler settles: wait one turn more.
        callback: (err, msg) => void this.inFlight.track(handle(err, msg).then(nextTurn, nextTurn)),
      });
      this.requestSubscriptions.push(subscription);
    }
  }

  /**
   * Refuses, before any handler, guard or interceptor runs, a request on a subject services may
   * publish too (INTERNAL_CALLS) that names a person or API client without the gateway's proof.
   */
  override async handleMessage(channel: string, natsMsg: Msg): Promise<unknown> {
    if (this.actorProofs?.guards(channel)) {
      const packet = this.deserializeRequest.deserialize(natsMsg, { channel, replyTo: natsMsg.reply });
      const problem = this.actorProofs.problemWith(channel, packet.data);
      if (problem) {
        const actor = (packet.data as { meta?: { actor?: { kind?: unknown; id?: unknown } } }).meta?.actor;
        this.logger.warn(
          `Refused ${channel} for ${String(actor?.kind)} ${String(actor?.id)}: no valid gateway actor proof (${problem})`,
        );
        if (natsMsg.reply)
          natsMsg.respond(encodeError(packet.id ?? nuid.next(), actorNotProven(problem).toBody()));
        return;
      }
    }
    return super.handleMessage(channel, natsMsg);
  }

  /**
   * Nest's publisher, with a size check: a large reply goes gzip-compressed (ServiceClient inflates
   * it); one still larger than the server's `max_payload` would be refused by nats-server and the
   * caller would only see a timeout, so it gets a clear error instead.
   */
  override getPublisher(natsMsg: Msg, id: string, ctx: NatsContext): (response: OutgoingResponse) => void {
    if (!natsMsg.reply) return super.getPublisher(natsMsg, id, ctx) as (response: OutgoingResponse) => void;
    return (response: OutgoingResponse) => {
      Object.assign(response, { id });
      const outgoing = this.serializer.serialize(response) as {
        data: Uint8Array | string;
        headers?: Msg['headers'];
      };
      const bytes =
        typeof outgoing.data === 'string' ? Buffer.byteLength(outgoing.data) : outgoing.data.length;
      if (bytes <= COMPRESS_REPLIES_ABOVE_BYTES) {
        natsMsg.respond(outgoing.data, { headers: outgoing.headers });
        return;
      }
      const compressed = gzipSync(outgoing.data);
      const maxPayload = this.maxPayloadBytes();
      if (compressed.length <= maxPayload - REPLY_OVERHEAD_BYTES) {
        const headers = outgoing.headers ?? natsHeaders();
        headers.set(REPLY_ENCODING_HEADER, 'gzip');
        natsMsg.respond(compressed, { headers });
        return;
      }
      const subject = unprefixed(this.prefix, natsMsg.subject);
      this.logger.error(
        `The answer to ${subject} is ${bytes} bytes (${compressed.length} compressed), over max_payload ${maxPayload}: sent an error instead`,
      );
      const error = this.serializer.serialize({
        id,
        err: replyTooLarge(subject, bytes, maxPayload),
        isDisposed: true,
      }) as {
        data: Uint8Array | string;
      };
      natsMsg.respond(error.data);
    };
  }

  private maxPayloadBytes(): number {
    try {
      return this.unwrap<NatsConnection>().info?.max_payload ?? DEFAULT_NATS_MAX_PAYLOAD_BYTES;
    } catch {
      return DEFAULT_NATS_MAX_PAYLOAD_BYTES;
    }
  }

  override async close(): Promise<void> {
    let connection: NatsConnection | null = null;
    try {
      connection = this.unwrap<NatsConnection>();
    } catch {
      // never listened
    }
    if (connection && !connection.isClosed()) {
      const subscriptions = this.requestSubscriptions.splice(0);
      // Stop taking requests; the ones already delivered to this process still run.
      await withTimeout(
        Promise.allSettled(subscriptions.map((subscription) => subscription.drain())),
        this.drainTimeoutMs,
      );
      const answered = await this.inFlight.settled(this.drainTimeoutMs);
      if (!answered) {
        this.logger.warn(
          `Closing with ${this.inFlight.size} request(s) still unanswered after ${this.drainTimeoutMs} ms`,
        );
      }
      // Flushes the replies just published, then closes.
      await drainOrClose(connection, this.drainTimeoutMs);
    }
    await super.close();
  }
}

function unprefixed(prefix: string, subject: string): string {
  return prefix && subject.startsWith(`${prefix}.`) ? subject.slice(prefix.length + 1) : subject;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function withTimeout(work: Promise<unknown>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}
