import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataServiceConfig } from '@gongkai/config';
import {
  MessagingProbe,
  evaluateReadiness,
  registerMessagingMetrics,
  type ReadinessReport,
  type SqlClient,
} from '@gongkai/messaging';
import type { MessagingLifecycle } from '../messaging-lifecycle';
import { startObservabilityServer, type ObservabilityServer } from './observability-server';

/**
 * What a data service shows about itself: Prometheus metrics (Node's defaults plus the event
 * plumbing) and readiness, served on METRICS_PORT (GET /metrics, /readyz, /healthz) when set, and
 * answered on the NATS health subject (HealthResponderModule) either way.
 */
export class ServiceObservability implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Observability');
  // One registry per service instance (not prom-client's global one), so several services in one
  // process, as in the tests, do not collide.
  readonly registry = new Registry();
  readonly probe: MessagingProbe;
  private server: ObservabilityServer | null = null;

  constructor(
    private readonly config: DataServiceConfig,
    db: SqlClient,
    messaging: MessagingLifecycle,
  ) {
    this.probe = new MessagingProbe({
      service: config.service,
      prefix: config.nats.prefix,
      db,
      runtime: () => messaging.startedRuntime,
      stream: config.jetstream,
    });
    this.registry.setDefaultLabels({ service: config.service });
    collectDefaultMetrics({ register: this.registry });
    registerMessagingMetrics(this.registry, (maxAgeMs) => this.probe.recent(maxAgeMs));
    const readiness = () => this.readiness(1000);
    new Gauge({
      name: 'gongkai_ready',
      help: '1 when the service is ready (it publishes and consumes; degraded counts as ready), 0 when not',
      registers: [this.registry],
      async collect() {
        this.set((await readiness()).ready ? 1 : 0);
      },
    });
  }

  /** The readiness rules (docs/operations.md, "Metrics and readiness") applied to a fresh look, or one younger than `maxAgeMs`. */
  async readiness(maxAgeMs = 0): Promise<ReadinessReport> {
    const snapshot = maxAgeMs > 0 ? await this.probe.recent(maxAgeMs) : await this.probe.inspect();
    return evaluateReadiness(snapshot, {
      maxOutboxAgeSeconds: this.config.observability.readinessMaxOutboxAgeMs / 1000,
    });
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  /** The HTTP listener's address, when METRICS_PORT is set and it listens. */
  get address(): { host: string; port: number } | null {
    return this.server?.address ?? null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { metricsPort, metricsHost } = this.config.observability;
    if (metricsPort === null) return;
    this.server = await startObservabilityServer({
      port: metricsPort,
      host: metricsHost,
      service: this.config.service,
      metrics: () => this.metrics(),
      contentType: this.registry.contentType,
      readiness: () => this.readiness(),
    });
    this.logger.log(
      `Metrics and probes on http://${metricsHost}:${this.server.address.port} (/metrics, /readyz, /healthz)`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }
}
