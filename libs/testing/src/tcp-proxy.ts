import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Closes the listening port and every open connection: the target now refuses connections. */
  refuse(): Promise<void>;
  /** Listens on the same port again and forwards new connections. */
  resume(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A loopback TCP forwarder to `target` that a test can cut: point a service at it (e.g. its
 * PostgreSQL URL) and call refuse() to make the server "go away" without touching the real one.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const newServer = () =>
    createServer((client) => {
      track(client);
      const upstream = connect(target.port, target.host);
      track(upstream);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
  const listen = (server: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  let server: Server | null = newServer();
  const port = await listen(server, 0);

  const refuse = async () => {
    const closing = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  return {
    port,
    refuse,
    resume: async () => {
      if (server) return;
      server = newServer();
      await listen(server, port);
    },
    close: refuse,
  };
}
