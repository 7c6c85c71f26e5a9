import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JwtService } from '@nestjs/jwt';
import { loadGatewayConfig, type Env, type GatewayConfig } from '@gongkai/config';
import { SERVICE_NAMES, healthSubjectOf, type HealthReply, type ServiceName } from '@gongkai/contracts';
import { connectNats, serveRpc, type RpcCall } from '@gongkai/messaging';
import { deleteStreamsOfRun } from '@gongkai/testing';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { createGatewayApp } from '../../src/app/create-gateway-app';

export const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';
export const JWT_SECRET = 'test-jwt-secret-0123456789abcdef0123456789';
export const JWT_ISSUER = 'gongkai-test';

export const newPrefix = () => `t${randomBytes(5).toString('hex')}`;

export interface StartedGateway {
  app: NestFastifyApplication;
  url: string;
  prefix: string;
  config: GatewayConfig;
  /** Every JSON log line the gateway wrote. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** Starts the real gateway on a random port, against the real NATS, with its own prefix. */
export async function startGateway(env: Env = {}): Promise<StartedGateway> {
  const prefix = env['NATS_PREFIX'] ?? newPrefix();
  const config = loadGatewayConfig({
    NATS_URL,
    NATS_PREFIX: prefix,
    LOG_LEVEL: 'info',
    BOOTSTRAP_ADMIN_API_KEY: ADMIN_KEY,
    JWT_SECRET,
    JWT_ISSUER,
    ...env,
  });
  const logs: Record<string, unknown>[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      }
      callback();
    },
  });
  const app = await createGatewayApp(config, { logDestination });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const close = async () => {
    await app.close();
    // The gateway ensures the PERMISSIONS stream (to follow its events): remove this run's streams.
    await deleteStreamsOfRun(prefix, NATS_URL);
  };
  return { app, url: `http://127.0.0.1:${port}`, prefix, config, logs, close };
}

export const JWT_AUDIENCE = 'gongkai-api';

/** An HS256 token as this installation issues them (`iat` now unless `claims` says otherwise). */
export function signJwt(
  claims: Record<string, unknown>,
  options: { secret?: string; issuer?: string; audience?: string; expiresIn?: number } = {},
) {
  return new JwtService().sign(claims, {
    secret: options.secret ?? JWT_SECRET,
    issuer: options.issuer ?? JWT_ISSUER,
    audience: options.audience ?? JWT_AUDIENCE,
    algorithm: 'HS256',
    expiresIn: options.expiresIn ?? 300,
  });
}

export const adminHeaders = { 'x-api-key': ADMIN_KEY };

/**
 * Stand-ins for the services behind the gateway, answering on the gateway's prefixed subjects.
 * Those services are tested on their own; here they let the gateway's side be observed.
 */
export class StandIns {
  private readonly subscriptions: Subscription[] = [];
  readonly calls = new Map<string, RpcCall[]>();

  private constructor(
    private readonly connection: NatsConnection,
    private readonly prefix: string,
  ) {}

  static async connect(prefix: string): Promise<StandIns> {
    return new StandIns(await connectNats({ servers: NATS_URL, name: `stand-ins-${prefix}` }), prefix);
  }

  /** Answers `subject` with `handler` and records each call. */
  async answer(subject: string, handler: (call: RpcCall) => unknown): Promise<void> {
    this.subscriptions.push(
      serveRpc(this.connection, { prefix: this.prefix, subject }, (call) => {
        this.calls.set(subject, [...this.callsTo(subject), call]);
        return handler(call);
      }),
    );
    await this.connection.flush();
  }

  /** Makes `services` (default: all behind the gateway) answer their health subject. */
  async answerHealth(
    services: ServiceName[] = SERVICE_NAMES.filter((name) => name !== 'gateway'),
  ): Promise<void> {
    for (const service of services) {
      await this.answer(
        healthSubjectOf(service),
        (): HealthReply => ({
          service,
          status: 'ok',
          database: 'ok',
          uptimeSeconds: 1,
        }),
      );
    }
  }

  callsTo(subject: string): RpcCall[] {
    return this.calls.get(subject) ?? [];
  }

  /**
   * Unsubscribes every stand-in and waits until the server has processed it: the gateway asks on
   * another connection, and without the flush an unsubscribe still in flight would swallow its
   * next request (a timeout where the test expects "nobody answers").
   */
  async stopAnswering(): Promise<void> {
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
    this.calls.clear();
    if (!this.connection.isClosed()) await this.connection.flush();
  }

  async close(): Promise<void> {
    await this.stopAnswering();
    await this.connection.close();
  }
}

/** Retries `assertion` until it passes or `timeoutMs` runs out (for logs written after the response). */
export async function eventually(assertion: () => void, timeoutMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
