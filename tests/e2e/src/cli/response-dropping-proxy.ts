import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP hop that, for the first `n` connections, delivers the request to the
 * server but cuts the client off as soon as the answer starts: the server has
 * applied the change, the client never hears so. Exactly the case where a
 * retried mutation must not apply twice.
 */
export async function createResponseDroppingProxy(target: { host: string; port: number }, n: number) {
  let toDrop = n;
  let accepted = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    accepted++;
    const drop = toDrop > 0;
    if (drop) toDrop--;
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    if (drop) {
      upstream.once('data', () => {
        client.destroy();
        upstream.destroy();
      });
    } else upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    get accepted() {
      return accepted;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
