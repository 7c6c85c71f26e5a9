import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_NAMES, ErrorCode, type ServiceName } from '@gongkai/contracts';
import { RemoteCallError, ServiceClient } from '@gongkai/messaging';

/** How long /readyz waits for NATS and for each service's health answer. */
export const READINESS_TIMEOUT_MS = 1000;

export const READINESS_SERVICES = Symbol('READINESS_SERVICES');

export interface ServiceCheck {
  service: ServiceName;
  status: 'ok' | 'unavailable';
  code?: ErrorCode;
  message?: string;
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
      ready: natsUp && checks.every((check) => check.status === 'ok'),
      nats: natsUp ? 'ok' : 'unavailable',
      services: checks,
    };
  }

  private async checkService(
    service: ServiceName,
    meta: { actor: { kind: 'system'; id: string }; correlationId: string },
  ): Promise<ServiceCheck> {
    try {
      await this.serviceClient.ping(service, meta, READINESS_TIMEOUT_MS);
      return { service, status: 'ok' };
    } catch (error) {
      if (error instanceof RemoteCallError) {
        return { service, status: 'unavailable', code: error.code, message: error.body.message };
      }
      return { service, status: 'unavailable', code: ErrorCode.INTERNAL, message: 'Health check failed' };
    }
  }
}
