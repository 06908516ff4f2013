import { createServer, connect, type Socket } from 'node:net';

/**
 * A real TCP hop between a client and a server that a test can cut: drop every
 * open connection, refuse new ones for a while, or let the first N through to nowhere.
 */
export async function createTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let refusing = false;
  let stalled = false;
  const pairs = new Set<[Socket, Socket]>();
  let dropNext = 0;
  let accepted = 0;
  const server = createServer((client) => {
    accepted++;
    if (refusing || dropNext > 0) {
      if (dropNext > 0) dropNext--;
      client.destroy();
      return;
    }
    if (stalled) {
      // A black hole: the connection opens and then nothing ever comes back.
      sockets.add(client);
      client.on('close', () => sockets.delete(client));
      client.on('error', () => client.destroy());
      client.resume();
      return;
    }
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.on('close', () => pairs.delete(pair));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    /** Connections accepted so far, including dropped ones. */
    get accepted() {
      return accepted;
    },
    /** Cut every open connection now. */
    dropAll() {
      for (const s of sockets) s.destroy();
    },
    /** Accept and immediately close connections until `resume()`. */
    refuse() {
      refusing = true;
      this.dropAll();
    },
    resume() {
      refusing = false;
      stalled = false;
    },
    /**
     * The path goes silent without closing (a frozen peer, a dropped NAT
     * mapping): open connections stop forwarding in both directions and stay
     * open; new ones are accepted and never answered, until `resume()`.
     * Stalled connections stay dead after it, as on a real dropped path.
     */
    stall() {
      stalled = true;
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        for (const s of [client, upstream]) {
          s.removeAllListeners('data');
          s.on('data', () => {});
        }
      }
      pairs.clear();
    },
    /** Close the next `n` connections as soon as they open. */
    dropNextConnections(n: number) {
      dropNext = n;
    },
    retarget(next: { host: string; port: number }) {
      target = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
export type TcpProxy = Awaited<ReturnType<typeof createTcpProxy>>;
