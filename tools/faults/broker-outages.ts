import type { PrivateNatsServer } from '@gongkai/testing';

/** A service that cannot reach NATS at boot fails fast with one of these in its last lines. */
// nats.js says `ConnectionError: connection refused` (and nothing else at LOG_LEVEL=warn).
const NATS_UNREACHABLE = /NATS|ECONNRESET|ECONNREFUSED|connection refused|DISCONNECT/i;

/**
 * When the suite's own nats-server was down. A service fails fast when NATS is unreachable at boot
 * and the supervisor starts it again; such an exit was caused by the broker kill, not a crash the
 * suite found, when the process lived through an outage (or the moments right after it, while the
 * server was still loading its store) and its last lines say NATS could not be reached.
 */
export class BrokerOutages {
  private readonly windows: { from: number; to: number | undefined }[] = [];

  constructor(private readonly graceMs = 10_000) {}

  down(at = Date.now()): void {
    this.windows.push({ from: at, to: undefined });
  }

  up(at = Date.now()): void {
    const open = this.windows.at(-1);
    if (open && open.to === undefined) open.to = at;
  }

  /** Whether an exit after a life from `startedAt` to `exitedAt` ending in `lastLines` was the broker's doing. */
  causedExit(startedAt: number, exitedAt: number, lastLines: string): boolean {
    if (!NATS_UNREACHABLE.test(lastLines)) return false;
    return this.windows.some(
      ({ from, to }) => from <= exitedAt && (to === undefined || to + this.graceMs >= startedAt),
    );
  }

  /** The same server, with every stop and start recorded here. */
  watch(server: PrivateNatsServer): PrivateNatsServer {
    return {
      get url() {
        return server.url;
      },
      get port() {
        return server.port;
      },
      get storeDir() {
        return server.storeDir;
      },
      get running() {
        return server.running;
      },
      stop: async (signal) => {
        this.down();
        await server.stop(signal);
      },
      start: async () => {
        await server.start();
        this.up();
      },
      wipeStore: () => server.wipeStore(),
      dispose: () => server.dispose(),
    };
  }
}
