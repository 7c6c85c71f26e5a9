/** The few calls the bench makes through the gateway to set up its data, as a campus system would. */
export async function callGateway<T>(
  baseUrl: string,
  key: string,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export const post = <T>(baseUrl: string, key: string, path: string, body: unknown) =>
  callGateway<T>(baseUrl, key, 'POST', path, body);
