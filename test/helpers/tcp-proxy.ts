import { type AddressInfo, connect, createServer, type Server, type Socket } from "node:net";

/** A loopback TCP relay to a server, which a test cuts to play the server going away, and restores. */
export interface TcpProxy {
  port: number;
  /** Drops every relayed connection and refuses new ones until {@link restore}. */
  cut(): Promise<void>;
  /** Accepts connections again on the same port. */
  restore(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a relay on 127.0.0.1 and a free port to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const relay = (client: Socket) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  };
  let server = createServer(relay);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
    });
  const close = (toClose: Server) => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => toClose.close(() => resolve()));
  };
  const port = await listen(0);
  return {
    port,
    cut: () => close(server),
    async restore() {
      server = createServer(relay);
      await listen(port);
    },
    stop: () => (server.listening ? close(server) : Promise.resolve()),
  };
}
