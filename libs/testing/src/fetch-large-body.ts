import { connect } from 'node:net';

const LARGE_BODY_BYTES = 256 * 1024;

/**
 * `fetch`, except that a body over 256 KB goes over a plain socket the way careful HTTP clients
 * send it: headers first, the body only if no answer came. A server refusing a body by its
 * declared Content-Length answers 413 at once and closes; fetch writing the body anyway races that
 * close and fails with EPIPE, or loses the answer to a connection reset.
 */
export async function fetchLargeBodySafely(url: string, init: RequestInit = {}): Promise<Response> {
  const body = init.body;
  if (typeof body !== 'string' || Buffer.byteLength(body) <= LARGE_BODY_BYTES) return fetch(url, init);
  return sendHeadersFirst(new URL(url), init.method ?? 'POST', new Headers(init.headers), Buffer.from(body));
}

function sendHeadersFirst(url: URL, method: string, headers: Headers, body: Buffer): Promise<Response> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const received: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error('no answer within 15 s')), 15000);
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(received).toString('utf8');
      const headerEnd = raw.indexOf('\r\n\r\n');
      if (headerEnd < 0)
        return reject(new Error(`no HTTP answer to the large body (got ${raw.length} bytes)`));
      const [statusLine = '', ...headerLines] = raw.slice(0, headerEnd).split('\r\n');
      const responseHeaders = new Headers();
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) responseHeaders.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      }
      responseHeaders.delete('content-length');
      responseHeaders.delete('transfer-encoding');
      resolve(
        new Response(raw.slice(headerEnd + 4), {
          status: Number(statusLine.split(' ')[1]),
          headers: responseHeaders,
        }),
      );
    });
    socket.on('connect', () => {
      const lines = [
        `${method} ${url.pathname}${url.search} HTTP/1.1`,
        `Host: ${url.host}`,
        'Connection: close',
      ];
      headers.forEach((value, name) => lines.push(`${name}: ${value}`));
      lines.push(`Content-Length: ${body.length}`, '', '');
      socket.write(lines.join('\r\n'));
      setTimeout(() => {
        if (received.length === 0 && !socket.destroyed) socket.write(body);
      }, 500);
    });
  });
}
