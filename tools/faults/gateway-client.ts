import { randomUUID } from 'node:crypto';

/** What a command came to, from the client's side. */
export type Outcome =
  /** 2xx. */
  | 'accepted'
  /** A final 4xx: the command was refused and must have changed nothing. */
  | 'rejected'
  /**
   * 409 IDEMPOTENCY_KEY_IN_USE with state `reply_lost`: the service committed the command and died
   * before recording its reply. Applied, and never applied again; the client reads the resource.
   */
  | 'reply-lost'
  /** Still 503/504 (or no connection) when the driver gave up. */
  | 'unresolved';

export interface CommandResult<T = unknown> {
  outcome: Outcome;
  status: number;
  body: T;
  attempts: number;
}

/** Figures the client collects on the way, for the report. */
export interface ClientStats {
  sent: number;
  retries: number;
  /** Answers by status (0 = no connection: the gateway was down). */
  statuses: Map<number, number>;
  /** The slowest 503/504 answer seen (ms): a stopped service must not make requests hang. */
  slowestUnavailableMs: number;
  /** 500s: a command the system failed on (a defect, whatever happens next). */
  internalErrors: { path: string; body: unknown }[];
}

const RETRY_STATUSES = new Set([0, 502, 503, 504, 429]);

export class GatewayClient {
  readonly stats: ClientStats = {
    sent: 0,
    retries: 0,
    statuses: new Map(),
    slowestUnavailableMs: 0,
    internalErrors: [],
  };

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    /** How long a command is retried (503/504, gateway down, key in use) before it counts as unresolved. */
    private readonly giveUpAfterMs: number,
  ) {}

  /** One HTTP exchange; status 0 when the gateway did not answer at all. */
  async send(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
  ): Promise<{ status: number; body: unknown; ms: number }> {
    const started = Date.now();
    this.stats.sent += 1;
    let status = 0;
    let body: unknown = null;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          'x-api-key': this.apiKey,
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15000),
      });
      status = response.status;
      const text = await response.text();
      body = text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    } catch (error) {
      body = error instanceof Error ? error.message : String(error);
    }
    const ms = Date.now() - started;
    this.stats.statuses.set(status, (this.stats.statuses.get(status) ?? 0) + 1);
    if (status === 503 || status === 504)
      this.stats.slowestUnavailableMs = Math.max(this.stats.slowestUnavailableMs, ms);
    if (status >= 500 && status !== 502 && status !== 503 && status !== 504)
      this.stats.internalErrors.push({ path, body });
    return { status, body, ms };
  }

  /**
   * A POST command as a careful client sends it: one Idempotency-Key for all its tries, retried
   * with back-off on 503/504/429, on no answer, and while the first try is still in progress.
   * `retryIf` may ask for more retries on a 4xx the caller knows to be passing (a department the
   * service has not heard of yet).
   */
  async command<T = unknown>(
    path: string,
    body: unknown,
    options: {
      retryIf?: (status: number, body: unknown) => boolean;
      key?: string;
      /** Extra headers on every try (`X-Acting-Person`). */
      headers?: Record<string, string>;
    } = {},
  ): Promise<CommandResult<T>> {
    const key = options.key ?? randomUUID();
    const deadline = Date.now() + this.giveUpAfterMs;
    let attempts = 0;
    let pauseMs = 100;
    for (;;) {
      attempts += 1;
      const answer = await this.send('POST', path, {
        body,
        headers: { ...options.headers, 'idempotency-key': key },
      });
      const problem = (answer.body ?? {}) as { code?: string; details?: { state?: string } };
      if (answer.status >= 200 && answer.status < 300)
        return { outcome: 'accepted', status: answer.status, body: answer.body as T, attempts };
      if (
        answer.status === 409 &&
        problem.code === 'IDEMPOTENCY_KEY_IN_USE' &&
        problem.details?.state === 'reply_lost'
      )
        return { outcome: 'reply-lost', status: answer.status, body: answer.body as T, attempts };
      const passing =
        RETRY_STATUSES.has(answer.status) ||
        answer.status >= 500 ||
        (answer.status === 409 && problem.code === 'IDEMPOTENCY_KEY_IN_USE') ||
        (options.retryIf?.(answer.status, answer.body) ?? false);
      if (!passing) return { outcome: 'rejected', status: answer.status, body: answer.body as T, attempts };
      if (Date.now() > deadline)
        return { outcome: 'unresolved', status: answer.status, body: answer.body as T, attempts };
      this.stats.retries += 1;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      pauseMs = Math.min(pauseMs * 2, 2000);
    }
  }
}
