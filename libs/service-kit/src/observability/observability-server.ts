import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReadinessReport } from '@gongkai/messaging';

export interface ObservabilityServerOptions {
  port: number;
  host: string;
  service: string;
  metrics: () => Promise<string>;
  contentType: string;
  readiness: () => Promise<ReadinessReport>;
}

export interface ObservabilityServer {
  address: { host: string; port: number };
  close(): Promise<void>;
}

/**
 * A small HTTP listener beside the service's NATS transport, so Prometheus can scrape and
 * Kubernetes can probe each instance: GET /metrics (Prometheus text), GET /readyz (200 ready or
 * degraded, 503 not ready, JSON with the reasons), GET /healthz (200 while the process runs).
 */
export async function startObservabilityServer(
  options: ObservabilityServerOptions,
): Promise<ObservabilityServer> {
  const server = createServer((request, response) => {
    handle(options, request, response).catch((error: unknown) => {
      send(response, 500, 'application/json', JSON.stringify({ error: String(error) }));
    });
  });
  // Scrapes and probes are short; an idle keep-alive socket must not hold shutdown back.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `Cannot listen for metrics on ${options.host}:${options.port} (METRICS_PORT, METRICS_HOST): ${error.message}`,
        ),
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    address: { host: options.host, port },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  options: ObservabilityServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const path = (request.url ?? '/').split('?')[0];
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return send(response, 405, 'application/json', JSON.stringify({ error: 'method not allowed' }));
  }
  switch (path) {
    case '/metrics':
      return send(response, 200, options.contentType, await options.metrics());
    case '/readyz': {
      const readiness = await options.readiness();
      const body = { service: options.service, ...readiness };
      return send(response, readiness.ready ? 200 : 503, 'application/json', JSON.stringify(body));
    }
    case '/healthz':
      return send(response, 200, 'application/json', JSON.stringify({ status: 'ok' }));
    default:
      return send(
        response,
        404,
        'application/json',
        JSON.stringify({ error: `no ${path} here: try /metrics, /readyz or /healthz` }),
      );
  }
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
