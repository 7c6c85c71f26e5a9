import {
  Controller,
  Inject,
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type Type,
} from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  DomainError,
  ErrorCode,
  healthSubjectOf,
  type HealthReply,
  type NotReadyDetails,
  type ServiceName,
} from '@gongkai/contracts';
import type { ReadinessReport } from '../observability/readiness';

/** Resolves when the service's database answers; rejects (or hangs) otherwise. */
export type DatabaseCheck = () => Promise<unknown>;

/** The whole readiness of a service (database included), e.g. from service-kit's ServiceReadiness. */
export type ReadinessCheck = () => Promise<ReadinessReport>;

export interface HealthCheckOptions {
  service: ServiceName;
  databaseCheck?: DatabaseCheck;
  /** When given, decides instead of `databaseCheck`: not ready answers UNAVAILABLE with the reasons. */
  readinessCheck?: ReadinessCheck;
  /** The gateway's /readyz waits about 1 s, so a slow database counts as down well before that. */
  databaseTimeoutMs?: number;
}

const DEFAULT_DATABASE_TIMEOUT_MS = 800;

/** Builds the answer to `<service>.health.ping`: a HealthReply, or UNAVAILABLE when the database does not answer. */
export function createHealthCheck(options: HealthCheckOptions): () => Promise<HealthReply> {
  const timeoutMs = options.databaseTimeoutMs ?? DEFAULT_DATABASE_TIMEOUT_MS;
  const { readinessCheck } = options;
  if (readinessCheck) return () => answerReadiness(options.service, readinessCheck);
  return async () => {
    if (options.databaseCheck) await checkDatabase(options.service, options.databaseCheck, timeoutMs);
    return {
      service: options.service,
      status: 'ok',
      database: options.databaseCheck ? 'ok' : 'n/a',
      uptimeSeconds: Math.round(process.uptime()),
    };
  };
}

async function answerReadiness(service: ServiceName, check: ReadinessCheck): Promise<HealthReply> {
  const readiness = await check();
  if (!readiness.ready) {
    const details: NotReadyDetails = {
      status: 'not_ready',
      reasons: readiness.reasons,
      warnings: readiness.warnings,
    };
    throw new DomainError(
      ErrorCode.UNAVAILABLE,
      `${service} is not ready: ${readiness.reasons.join('; ')}`,
      details,
    );
  }
  return {
    service,
    status: readiness.status === 'degraded' ? 'degraded' : 'ok',
    database: 'ok',
    uptimeSeconds: Math.round(process.uptime()),
    ...(readiness.warnings.length > 0 ? { warnings: readiness.warnings } : {}),
  };
}

async function checkDatabase(service: ServiceName, check: DatabaseCheck, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
  } catch (error) {
    throw new DomainError(ErrorCode.UNAVAILABLE, `The ${service} database is not answering`, {
      reason: error instanceof Error ? error.message : String(error),
    });
  } finally {
    clearTimeout(timer);
  }
}

export const HEALTH_CHECK = Symbol('HEALTH_CHECK');

export interface HealthResponderOptions {
  service: ServiceName;
  /** Modules that provide what `inject` names (e.g. the persistence module). */
  imports?: ModuleMetadata['imports'];
  inject?: InjectionToken[];
  /** Called with the injected providers, e.g. `(prisma: PrismaService) => prisma.$queryRaw\`SELECT 1\``. */
  databaseCheck?: (...deps: never[]) => Promise<unknown>;
  databaseTimeoutMs?: number;
  /** Called with the injected providers; replaces `databaseCheck` (see HealthCheckOptions.readinessCheck). */
  readinessCheck?: (...deps: never[]) => Promise<ReadinessReport>;
}

function createHealthController(subject: string): Type<unknown> {
  @Controller()
  class HealthResponderController {
    constructor(@Inject(HEALTH_CHECK) private readonly check: () => Promise<HealthReply>) {}

    @MessagePattern(subject)
    ping(): Promise<HealthReply> {
      return this.check();
    }
  }
  return HealthResponderController;
}

/**
 * Makes a service answer `healthSubjectOf(service)` (prefixed by ServiceNatsServer), which the
 * gateway's /readyz asks: `HealthResponderModule.forService({ service: 'permissions', imports:
 * [PersistenceModule], inject: [PrismaService], databaseCheck: (prisma: PrismaService) =>
 * prisma.$queryRaw\`SELECT 1\` })`.
 */
@Module({})
export class HealthResponderModule {
  static forService(options: HealthResponderOptions): DynamicModule {
    const { databaseCheck, readinessCheck } = options;
    return {
      module: HealthResponderModule,
      imports: options.imports ?? [],
      controllers: [createHealthController(healthSubjectOf(options.service))],
      providers: [
        {
          provide: HEALTH_CHECK,
          inject: options.inject ?? [],
          useFactory: (...deps: unknown[]) =>
            createHealthCheck({
              service: options.service,
              databaseCheck: databaseCheck ? () => databaseCheck(...(deps as never[])) : undefined,
              databaseTimeoutMs: options.databaseTimeoutMs,
              readinessCheck: readinessCheck ? () => readinessCheck(...(deps as never[])) : undefined,
            }),
        },
      ],
    };
  }
}
