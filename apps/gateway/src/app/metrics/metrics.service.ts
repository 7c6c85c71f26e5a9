import { Injectable } from '@nestjs/common';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of this gateway instance: Node's defaults plus HTTP request durations. */
@Injectable()
export class MetricsService {
  // One registry per app instance (not prom-client's global one), so several gateways in one
  // process, as in the tests, do not collide.
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    this.registry.setDefaultLabels({ service: 'gateway' });
    collectDefaultMetrics({ register: this.registry });
  }

  observeRequest(labels: { method: string; route: string; statusCode: number }, seconds: number): void {
    this.httpRequestDuration.observe(
      { method: labels.method, route: labels.route, status_code: String(labels.statusCode) },
      seconds,
    );
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
