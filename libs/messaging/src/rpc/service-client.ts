import { gunzipSync } from 'node:zlib';
import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  ErrorCode,
  healthRpcOf,
  type HealthReply,
  type RequestMeta,
  type RpcBody,
  type RpcDefinition,
  type RpcResult,
  type ServiceName,
} from '@gongkai/contracts';
import {
  connect,
  errors as natsErrors,
  headers as natsHeaders,
  nuid,
  type NatsConnection,
} from '@nats-io/transport-node';
import type { NatsAuthOptions } from '../bus/nats-credentials';
import { drainOrClose } from '../nats-drain';
import { RECONNECT_FOREVER } from '../nats-reconnect';
import type { ActorProofSigner } from './actor-proof';
import { connectionStateOf, type ConnectionState } from './connection-state';
import { prefixSubject } from './prefix';
import { checkReply } from './reply-check';
import { remainingUntilDeadline } from './request-deadline';
import { RemoteCallError } from './rpc-errors';
import { CORRELATION_ID_HEADER, REPLY_ENCODING_HEADER, decodeReply, encodeRequest } from './rpc-wire';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const SERVICE_CLIENT_OPTIONS = Symbol('SERVICE_CLIENT_OPTIONS');

export interface ServiceClientOptions {
  /** Deployment prefix (config.nats.prefix). */
  prefix: string;
  /** Used when a request names no timeout (config.nats.requestTimeoutMs, REQUEST_TIMEOUT_MS). */
  defaultTimeoutMs: number;
  /** Check every reply against its definition (default true); apps turn it off in production. */
  validateReplies?: boolean;
  /**
   * The gateway's only (GATEWAY_ACTOR_SIGNING_KEY): signs the actor on the subjects services may
   * publish too (INTERNAL_CALLS), so their receiver can tell the gateway's actor from a named one.
   */
  actorProofSigner?: ActorProofSigner;
}

export interface RequestOptions {
  timeoutMs?: number;
}

/**
 * Request/reply over NATS to another service.
 *
 * Built on the raw @nats-io/transport-node connection rather than Nest's ClientNats: `nc.request`
 * gives a per-request timeout, reports "no responders" at once (a stopped service answers
 * UNAVAILABLE in milliseconds instead of waiting out the timeout) and takes headers directly;
 * it is also measurably faster (docs: STACK.md, section 3). It speaks Nest's packet format, so
 * `@MessagePattern` handlers behind ServiceNatsServer answer it unchanged.
 */
@Injectable()
export class ServiceClient {
  private readonly state: ConnectionState;

  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    @Inject(SERVICE_CLIENT_OPTIONS) private readonly options: ServiceClientOptions,
  ) {
    this.state = connectionStateOf(connection);
  }

  /**
   * Sends `{ meta, body }` to the definition's subject (unprefixed, from contracts) and resolves
   * with the result, typed by the definition. Rejects with RemoteCallError: the remote typed
   * error, TIMEOUT, UNAVAILABLE when nobody listens on the subject or NATS is unreachable (at once while
   * disconnected; the connection keeps reconnecting), or
   * INTERNAL when replies are checked and this one does not match the definition's reply schema.
   */
  async request<TDefinition extends RpcDefinition>(
    definition: TDefinition,
    body: RpcBody<TDefinition>,
    meta: RequestMeta,
    opts: RequestOptions = {},
  ): Promise<RpcResult<TDefinition>> {
    const { subject } = definition;
    // Never past the deadline of the work this request is part of (the gateway's HTTP answer).
    const left = remainingUntilDeadline();
    const timeoutMs = Math.min(opts.timeoutMs ?? this.options.defaultTimeoutMs, left ?? Infinity);
    if (timeoutMs < 1) {
      throw new RemoteCallError(subject, {
        code: ErrorCode.TIMEOUT,
        message: `No time left to ask ${subject}: the request's deadline has passed`,
      });
    }
    if (!this.state.connected) {
      throw new RemoteCallError(subject, {
        code: ErrorCode.UNAVAILABLE,
        message: 'The message bus (NATS) is not reachable; reconnecting',
      });
    }
    const requestHeaders = natsHeaders();
    requestHeaders.set(CORRELATION_ID_HEADER, meta.correlationId);
    const payload = encodeRequest({
      id: nuid.next(),
      pattern: subject,
      data: { meta: this.outgoingMeta(meta, subject), body },
    });
    let raw: string;
    try {
      const reply = await this.connection.request(prefixSubject(this.options.prefix, subject), payload, {
        timeout: timeoutMs,
        headers: requestHeaders,
      });
      raw =
        reply.headers?.get(REPLY_ENCODING_HEADER) === 'gzip'
          ? gunzipSync(reply.data).toString('utf8')
          : reply.string();
    } catch (error) {
      throw new RemoteCallError(subject, transportFailure(subject, timeoutMs, error));
    }
    const decoded = decodeReply<RpcResult<TDefinition>>(raw);
    if (!decoded.ok) throw new RemoteCallError(subject, decoded.error);
    if (this.options.validateReplies === false) return decoded.result;
    return checkReply(definition, decoded.result);
  }

  /**
   * The meta as sent: the idempotency key bound to its subject; the actor proven by the gateway
   * where needed; never a proof received with the meta (it was for that one request).
   */
  private outgoingMeta(meta: RequestMeta, subject: string): RequestMeta {
    const bound = bindIdempotencyKey(meta, subject);
    if (this.options.actorProofSigner) return this.options.actorProofSigner.stamp(subject, bound);
    if (bound.actorProof === undefined) return bound;
    const { actorProof: _dropped, ...rest } = bound;
    return rest;
  }

  /** Asks `<service>.health.ping`; rejects like `request`. */
  ping(service: ServiceName, meta: RequestMeta, timeoutMs: number): Promise<HealthReply> {
    return this.request(healthRpcOf(service), {}, meta, { timeoutMs });
  }

  /** True when the NATS server answers a round trip within `timeoutMs`. */
  async isNatsConnected(timeoutMs: number): Promise<boolean> {
    if (!this.state.connected) return false;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([this.connection.rtt().then(() => true), timedOut]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * An `Idempotency-Key` applies to the subject it is first sent to. A service that passes its own
 * meta on to the services it asks keeps the operation it was given, so the key does not apply there.
 */
export function bindIdempotencyKey(meta: RequestMeta, subject: string): RequestMeta {
  if (!meta.idempotency || meta.idempotency.operation) return meta;
  return { ...meta, idempotency: { ...meta.idempotency, operation: subject } };
}

/**
 * What a caller is told when a request got no answer. It names the service, never the subject:
 * these messages reach HTTP clients as problem details, and subjects are internal (issue 9).
 */
function transportFailure(subject: string, timeoutMs: number, error: unknown) {
  const service = subject.split('.')[0] ?? subject;
  if (error instanceof natsErrors.TimeoutError) {
    return {
      code: ErrorCode.TIMEOUT,
      message: `The ${service} service did not answer within ${timeoutMs} ms`,
    };
  }
  if (error instanceof natsErrors.RequestError && error.isNoResponders()) {
    return {
      code: ErrorCode.UNAVAILABLE,
      message: `No instance of the ${service} service is answering`,
    };
  }
  if (
    error instanceof natsErrors.ClosedConnectionError ||
    error instanceof natsErrors.DrainingConnectionError ||
    error instanceof natsErrors.ConnectionError
  ) {
    return { code: ErrorCode.UNAVAILABLE, message: 'The message bus (NATS) is not reachable' };
  }
  return {
    code: ErrorCode.UNAVAILABLE,
    message: `Could not send the request to the ${service} service`,
  };
}

export interface ServiceClientModuleOptions {
  /** NATS server URL(s) (config.nats.url). */
  servers: string | string[];
  prefix: string;
  defaultTimeoutMs: number;
  /** Connection name shown by the NATS server's monitoring, e.g. the calling service. */
  name: string;
  /** Check replies against their definitions: `config.nodeEnv !== 'production'`. */
  validateReplies: boolean;
  /** The app's NATS user and inbox: `natsAuthOptions(service, config.nats.credentials)`. */
  auth?: NatsAuthOptions;
  /** The gateway's: `new ActorProofSigner(config.auth.actorSigningKey)` (see ServiceClientOptions). */
  actorProofSigner?: ActorProofSigner;
}

/** Opens a NATS connection at boot (fails fast when unreachable) and drains it at shutdown. */
export async function connectNats(options: {
  servers: string | string[];
  name: string;
  auth?: NatsAuthOptions;
}): Promise<NatsConnection> {
  try {
    // Reconnect forever once connected: a NATS restart must not take the process down.
    return await connect({
      servers: options.servers,
      name: options.name,
      ...options.auth,
      ...RECONNECT_FOREVER,
      // nats.js otherwise builds an Error (a stack trace) for every request in case it times out;
      // ServiceClient names the subject and the timeout itself (issue 13: about 5 % of the gateway's CPU).
      noAsyncTraces: true,
    });
  } catch (error) {
    throw new Error(
      `Cannot connect to NATS at ${String(options.servers)} (NATS_URL): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

const CLOSE_TIMEOUT_MS = 10_000;

@Injectable()
class NatsConnectionCloser implements OnApplicationShutdown {
  private readonly logger = new Logger('NatsConnection');

  constructor(@Inject(NATS_CONNECTION) private readonly connection: NatsConnection) {}

  // Runs after the HTTP server has stopped taking requests, so in-flight calls finish first.
  // Bounded: while NATS is unreachable a drain would wait for the reconnect.
  async onApplicationShutdown(): Promise<void> {
    if (this.connection.isClosed()) return;
    try {
      await drainOrClose(this.connection, CLOSE_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn(`NATS drain failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Global, so every feature module of an app can inject ServiceClient. */
@Module({})
export class ServiceClientModule {
  static forRoot(options: ServiceClientModuleOptions): DynamicModule {
    return {
      module: ServiceClientModule,
      global: true,
      providers: [
        { provide: NATS_CONNECTION, useFactory: () => connectNats(options) },
        {
          provide: SERVICE_CLIENT_OPTIONS,
          useValue: {
            prefix: options.prefix,
            defaultTimeoutMs: options.defaultTimeoutMs,
            validateReplies: options.validateReplies,
            actorProofSigner: options.actorProofSigner,
          } satisfies ServiceClientOptions,
        },
        ServiceClient,
        NatsConnectionCloser,
      ],
      exports: [ServiceClient, NATS_CONNECTION],
    };
  }
}
