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
