#!/usr/bin/env node
// Container health check, shipped into every image as /app/healthcheck.mjs (Node built-ins only).
// - gateway: GET http://127.0.0.1:$PORT/healthz must answer 200.
// - services: a request to `<NATS_PREFIX.>$APP.health.ping` over NATS (as NATS_USER when set) must get
//   a reply without an error, so the check passes only while the service is ready (database, NATS, publishing, consuming).
// Exit 0 = healthy, 1 = unhealthy (what Docker's HEALTHCHECK expects).
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';

const TIMEOUT_MS = Number(process.env.HEALTHCHECK_TIMEOUT_MS ?? 4000);
const app = process.env.APP;

function fail(message) {
  console.error(`unhealthy: ${message}`);
  process.exit(1);
}

async function checkGateway() {
  const url = `http://127.0.0.1:${process.env.PORT ?? 3000}/healthz`;
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) }).catch((error) =>
    fail(`${url}: ${error.message}`),
  );
  if (response.status !== 200) fail(`${url} answered ${response.status}`);
}

/** A NATS request over the plain text protocol: INFO, CONNECT, SUB inbox, PUB with reply, wait for MSG. */
function natsRequest(natsUrl, subject, payload) {
  const url = new URL((natsUrl.split(',')[0] ?? '').trim().replace(/^(?![a-z]+:\/\/)/, 'nats://'));
  // The app's own inbox prefix: its NATS user may subscribe there and nowhere else (libs/messaging/src/bus).
  const inbox = `_INBOX.${app}.healthcheck.${randomBytes(8).toString('hex')}`;
  const credentials = process.env.NATS_USER
    ? { user: process.env.NATS_USER, pass: process.env.NATS_PASSWORD ?? '' }
    : url.username
      ? url.password
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : { auth_token: decodeURIComponent(url.username) }
      : {};
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 4222) });
    const timer = setTimeout(
      () => reject(new Error(`no reply on ${subject} within ${TIMEOUT_MS} ms`)),
      TIMEOUT_MS,
    );
    let buffer = Buffer.alloc(0);
    let greeted = false;
    socket.on('error', (error) => reject(new Error(`NATS ${url.host}: ${error.message}`)));
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf('\r\n');
        if (end < 0) return;
        const line = buffer.subarray(0, end).toString('utf8');
        if (line.startsWith('MSG ') || line.startsWith('HMSG ')) {
          // MSG <subject> <sid> <size> | HMSG <subject> <sid> <header size> <total size>
          const sizes = line.split(' ');
          const total = Number(sizes.at(-1));
          const headerSize = line.startsWith('HMSG ') ? Number(sizes.at(-2)) : 0;
          if (buffer.length < end + 2 + total + 2) return;
          const message = buffer.subarray(end + 2, end + 2 + total);
          clearTimeout(timer);
          socket.destroy();
          const status = message.subarray(0, headerSize).toString('utf8').split('\r\n')[0] ?? '';
          if (/^NATS\/1\.0 503/.test(status)) return reject(new Error(`nothing answers on ${subject}`));
          return resolve(message.subarray(headerSize).toString('utf8'));
        }
        buffer = buffer.subarray(end + 2);
        if (line.startsWith('INFO ') && !greeted) {
          greeted = true;
          const data = Buffer.from(JSON.stringify(payload));
          socket.write(
            `CONNECT ${JSON.stringify({ verbose: false, pedantic: false, headers: true, no_responders: true, ...credentials })}\r\n` +
              `SUB ${inbox} 1\r\nPUB ${subject} ${inbox} ${data.length}\r\n${data}\r\nPING\r\n`,
          );
        } else if (line.startsWith('PING')) {
          socket.write('PONG\r\n');
        } else if (line.startsWith('-ERR')) {
          clearTimeout(timer);
          socket.destroy();
          return reject(new Error(`NATS said ${line}`));
        }
      }
    });
  });
}

async function checkService() {
  const prefix = process.env.NATS_PREFIX ?? '';
  const subject = `${prefix ? `${prefix}.` : ''}${app}.health.ping`;
  const body = await natsRequest(process.env.NATS_URL ?? 'nats://127.0.0.1:4222', subject, {}).catch(
    (error) => fail(error.message),
  );
  let reply;
  try {
    reply = JSON.parse(body);
  } catch {
    fail(`${subject} replied with something that is not JSON`);
  }
  if (reply?.err) fail(`${subject}: ${JSON.stringify(reply.err)}`);
}

if (!app) fail('APP is not set (the image sets it at build time)');
await (app === 'gateway' ? checkGateway() : checkService());
