import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_NAMES, ErrorCode, type ServiceName } from '@gongkai/contracts';
import { RemoteCallError, ServiceClient } from '@gongkai/messaging';

/** How long /readyz waits for NATS and for each service's health answer. */
export const READINESS_TIMEOUT_MS = 1000;

export const READINESS_SERVICES = Symbol('READINESS_SERVICES');

export interface ServiceCheck {
  service: ServiceName;
  /** `degraded`: ready, with warnings (e.g. a stream whose configuration drifted). */
  status: 'ok' | 'degraded' | 'unavailable';
  code?: ErrorCode;
  message?: string;
  /** False when the service did not answer at all (not running, or too slow). */
  answered: boolean;
  /** Why it is not ready: the service's own reasons, or why it did not answer. */
  reasons?: string[];
  warnings?: string[];
}

export interface Readiness {
  ready: boolean;
  nats: 'ok' | 'unavailable';
  services: ServiceCheck[];
}

/** Every service but the gateway must answer its health subject. */
export const servicesBehindGateway = (): ServiceName[] => SERVICE_NAMES.filter((name) => name !== 'gateway');

@Injectable()
export class ReadinessService {
  constructor(
    private readonly serviceClient: ServiceClient,
    @Inject(READINESS_SERVICES) private readonly services: ServiceName[],
  ) {}

  async check(correlationId: string): Promise<Readiness> {
    const meta = { actor: { kind: 'system' as const, id: 'gateway' }, correlationId };
    const [natsUp, ...checks] = await Promise.all([
      this.serviceClient.isNatsConnected(READINESS_TIMEOUT_MS),
      ...this.services.map((service) => this.checkService(service, meta)),
    ]);
    return {
      ready: natsUp && checks.every((check) => check.status !== 'unavailable'),
      nats: natsUp ? 'ok' : 'unavailable',
      services: checks,
    };
  }

  private async checkService(
    service: ServiceName,
    meta: { actor: { kind: 'system'; id: string }; correlationId: string },
  ): Promise<ServiceCheck> {
    try {
      const reply = await this.serviceClient.ping(service, meta, READINESS_TIMEOUT_MS);
      const warnings = reply.warnings ?? [];
      if (reply.status === 'degraded') return { service, status: 'degraded', answered: true, warnings };
      return { service, status: 'ok', answered: true };
    } catch (error) {
      if (error instanceof RemoteCallError) {
        const { reasons, warnings } = notReadyDetails(error.body.details);
        return {
          service,
          status: 'unavailable',
          // Transport failures (no instance, timeout, NATS down) carry no details; a service's own answer does.
          answered: error.body.details !== undefined,
          code: error.code,
          message: error.body.message,
          reasons: reasons ?? [describeFailure(error)],
          ...(warnings && warnings.length > 0 ? { warnings } : {}),
        };
      }
      return {
        service,
        status: 'unavailable',
        code: ErrorCode.INTERNAL,
        message: 'Health check failed',
        answered: false,
        reasons: ['health check failed'],
      };
    }
  }
}

/** The reasons a service gave for not being ready (NotReadyDetails), when it answered at all. */
function notReadyDetails(details: unknown): { reasons?: string[]; warnings?: string[] } {
  if (typeof details !== 'object' || details === null) return {};
  const strings = (value: unknown) =>
    Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
  const { reasons, warnings } = details as { reasons?: unknown; warnings?: unknown };
  return { reasons: strings(reasons), warnings: strings(warnings) };
}

function describeFailure(error: RemoteCallError): string {
  if (error.code === ErrorCode.TIMEOUT) return `no answer within ${READINESS_TIMEOUT_MS} ms`;
  return error.body.message;
}
