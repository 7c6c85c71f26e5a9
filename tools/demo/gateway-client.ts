import { randomUUID } from 'node:crypto';

export interface GatewayAnswer<T> {
  status: number;
  contentType: string;
  body: T;
  bytes: Buffer;
}

interface Problem {
  code?: string;
  reason?: string;
  detail?: string;
  details?: { state?: string };
}

export interface SendOptions {
  body?: unknown;
  /** `X-Acting-Person`: the campus system acts for this signed-in person. */
  as?: string;
  /** Raw bytes wanted (DOCX): the body is not parsed. */
  binary?: boolean;
}

const RETRY_LIMIT = 12;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The gateway as a careful campus system calls it with its API key: every command carries an
 * `Idempotency-Key` kept across retries; 429 waits for `Retry-After`, 503/504, an unanswered
 * request and a key still in use are retried with back-off, so nothing is applied twice.
 */
export class GatewayClient {
  requests = 0;
  waitedForRateLimit = 0;
  private warnedAboutRateLimit = false;

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly notice: (text: string) => void,
  ) {}

  async send<T>(method: string, path: string, options: SendOptions = {}): Promise<GatewayAnswer<T>> {
    const headers: Record<string, string> = { 'x-api-key': this.apiKey };
    if (options.as) headers['x-acting-person'] = options.as;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (method === 'POST') headers['idempotency-key'] = randomUUID();
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    for (let attempt = 1; ; attempt += 1) {
      this.requests += 1;
      let response: Response;
      try {
        response = await fetch(`${this.baseUrl}/api/v1${path}`, { method, headers, body: payload });
      } catch (error) {
        if (attempt >= RETRY_LIMIT)
          throw new Error(
            `${method} ${path}: the gateway at ${this.baseUrl} does not answer (${String(error)})`,
          );
        await sleep(500 * attempt);
        continue;
      }
      const bytes = Buffer.from(await response.arrayBuffer());
      const contentType = response.headers.get('content-type') ?? '';
      const body = (
        options.binary || !contentType.includes('json')
          ? bytes.toString('utf8')
          : JSON.parse(bytes.toString('utf8'))
      ) as T;
      const problem = (contentType.includes('problem+json') ? body : undefined) as Problem | undefined;
      if (problem?.code === 'IDEMPOTENCY_KEY_IN_USE' && problem.details?.state === 'reply_lost')
        throw new Error(`${method} ${path} was applied but its reply was lost: ${problem.detail ?? ''}`);
      const retry =
        response.status === 429 ||
        response.status === 503 ||
        response.status === 504 ||
        problem?.code === 'IDEMPOTENCY_KEY_IN_USE';
      if (!retry || attempt >= RETRY_LIMIT) return { status: response.status, contentType, body, bytes };
      if (response.status === 429) {
        const seconds = Number(response.headers.get('retry-after') ?? '1');
        this.waitedForRateLimit += seconds;
        if (!this.warnedAboutRateLimit) {
          this.warnedAboutRateLimit = true;
          this.notice(
            `the gateway limits this key to RATE_LIMIT_PER_MINUTE requests a minute: waiting ${seconds} s each time ` +
              '(start the system with RATE_LIMIT_PER_MINUTE=100000 npm start for a faster demo)',
          );
        }
        await sleep(Math.max(1, seconds) * 1000);
        attempt -= 1; // waiting for the limit is not a failure
      } else await sleep(300 * attempt);
    }
  }

  /** `send`, and the body when the status is the one expected; otherwise an error quoting the problem. */
  async expect<T>(status: number, method: string, path: string, options: SendOptions = {}): Promise<T> {
    const answer = await this.send<T>(method, path, options);
    if (answer.status !== status) {
      const problem = answer.body as Problem;
      const said =
        typeof problem === 'object' && problem
          ? (problem.detail ?? JSON.stringify(problem))
          : String(problem);
      throw new Error(`${method} ${path}: expected ${status}, got ${answer.status}: ${said}`);
    }
    return answer.body;
  }

  /**
   * Repeats `attempt` until it returns a value: for effects that travel between services as events
   * (a department created in permissions reaches the catalogue a moment later).
   */
  async until<T>(
    what: string,
    attempt: () => Promise<T | null | undefined>,
    timeoutMs = 180_000,
  ): Promise<T> {
    const started = Date.now();
    for (;;) {
      const value = await attempt();
      if (value !== null && value !== undefined) return value;
      if (Date.now() - started > timeoutMs)
        throw new Error(
          `Waited ${Math.round(timeoutMs / 1000)} s for ${what}; is every service ready (GET /readyz)?`,
        );
      await sleep(250);
    }
  }
}
