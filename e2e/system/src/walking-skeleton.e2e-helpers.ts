import { createHmac } from 'node:crypto';
import { fetchLargeBodySafely, type RunningSystem } from '@gongkai/testing';

export interface HttpResult<T = unknown> {
  status: number;
  contentType: string;
  body: T;
}

/** A JSON call to the gateway as the bootstrap admin (or with the headers given). */
export async function call<T = unknown>(
  system: RunningSystem,
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; headers?: Record<string, string>; asAdmin?: boolean } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = {
    ...(options.asAdmin === false ? {} : { 'x-api-key': system.adminKey }),
  };
  let payload: string | undefined;
  if (options.rawBody !== undefined) payload = options.rawBody;
  else if (options.body !== undefined) payload = JSON.stringify(options.body);
  if (payload !== undefined) headers['content-type'] = 'application/json';
  Object.assign(headers, options.headers);
  const response = await fetchLargeBodySafely(`${system.baseUrl}${path}`, { method, headers, body: payload });
  const contentType = response.headers.get('content-type') ?? '';
  const text = await response.text();
  return {
    status: response.status,
    contentType,
    body: (text && contentType.includes('json') ? JSON.parse(text) : text) as T,
  };
}

/**
 * An HS256 bearer token for a person, as this installation issues them (`JWT_AUDIENCE` defaults to
 * gongkai-api; the gateway must run with the same secret and issuer).
 */
export function bearerTokenFor(
  personId: string,
  options: { secret: string; issuer: string; ttlSeconds?: number },
): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: personId,
    iss: options.issuer,
    aud: 'gongkai-api',
    iat: now,
    exp: now + (options.ttlSeconds ?? 900),
  };
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', options.secret).update(unsigned).digest('base64url')}`;
}
