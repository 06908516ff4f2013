import { connect, createServer, type Socket } from 'node:net';

/** Which way bytes flow: `up` from the client to the server, `down` back. */
type Direction = 'up' | 'down';

/**
 * How the path treats connections: `open` forwards both ways; `stalled` is a
 * silently dead path (nothing flows, nothing closes); `up-dead` / `down-dead`
 * are half-open paths where one direction is lost and the other still works.
 */
export type PathMode = 'open' | 'stalled' | 'up-dead' | 'down-dead';

export interface Link {
  openedAt: number;
  /** A WebSocket upgrade, or plain HTTP, from its first bytes. */
  kind: 'websocket' | 'http' | 'unknown';
  flows: Record<Direction, boolean>;
  closed: boolean;
}

const flowsFor = (mode: PathMode): Record<Direction, boolean> => ({
  up: mode === 'open' || mode === 'down-dead',
  down: mode === 'open' || mode === 'up-dead',
});

/**
 * A TCP hop between clients and a real server that a test can break the way
 * networks break. Bytes are forwarded by hand (no pipe) so each direction can
 * stop on its own. Once a link is cut it stays cut — on a real dead path the
 * peers' TCP state is gone — and its sockets stay open until a peer gives up:
 * a close travels only in a direction that still flows, as FIN or RST would.
 */
export async function createCutProxy(target: { host: string; port: number }) {
  let mode: PathMode = 'open';
  const links: { info: Link; client: Socket; upstream: Socket }[] = [];
  /** Requests whose answer is to be lost: the first `count` requests matching `pattern`. */
  const toLose = { pattern: null as RegExp | null, count: 0, lost: 0 };

  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    const info: Link = { openedAt: Date.now(), kind: 'unknown', flows: flowsFor(mode), closed: false };
    links.push({ info, client, upstream });
    // Set when a request to lose went up this link: its answer is the next thing to come down.
    let losing = false;
    const forward = (from: Socket, to: Socket, dir: Direction) => {
      from.on('data', (chunk: Buffer) => {
        if (dir === 'up' && info.kind === 'unknown') {
          const head = chunk.toString('latin1', 0, Math.min(chunk.length, 2048));
          info.kind = /^upgrade:\s*websocket/im.test(head) ? 'websocket' : 'http';
        }
        if (dir === 'up' && toLose.pattern && toLose.lost < toLose.count && toLose.pattern.test(chunk.toString('latin1', 0, Math.min(chunk.length, 2048)))) {
          toLose.lost++;
          losing = true;
        }
        if (dir === 'down' && losing) {
          // The server has answered (so it committed): the client never hears it, its connection resets.
          client.destroy();
          upstream.destroy();
          return;
        }
        if (info.flows[dir]) to.write(chunk);
      });
      from.on('end', () => {
        if (info.flows[dir]) to.end();
      });
      from.on('error', () => from.destroy());
      from.on('close', () => {
        info.closed = true;
        // A reset travels on; after a clean end, `to` finishes writing and closes by itself.
        if (info.flows[dir] && !to.writableEnded) to.destroy();
      });
    };
    forward(client, upstream, 'up');
    forward(upstream, client, 'down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    /** Every connection so far, oldest first. */
    links: (): readonly Link[] => links.map((l) => l.info),
    /** The path breaks: open links and new ones get `next` (a link cut once never heals). */
    cut(next: Exclude<PathMode, 'open'>) {
      mode = next;
      const flows = flowsFor(next);
      for (const { info } of links) {
        info.flows.up &&= flows.up;
        info.flows.down &&= flows.down;
      }
    },
    /** The path returns: new connections flow both ways; links cut before stay dead. */
    restore() {
      mode = 'open';
    },
    /**
     * The answers to the next `count` HTTP requests whose first bytes match
     * `pattern` are lost: the request reaches the server, and the connection
     * resets when its answer comes back. Returns how many were lost so far.
     */
    loseAnswers(pattern: RegExp, count = 1) {
      Object.assign(toLose, { pattern, count, lost: 0 });
      return () => toLose.lost;
    },
    /** Both peers see their connections reset now (a proxy or NAT that dropped them). */
    dropAll() {
      for (const { client, upstream } of links) {
        client.destroy();
        upstream.destroy();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const { client, upstream } of links) {
          client.destroy();
          upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
export type CutProxy = Awaited<ReturnType<typeof createCutProxy>>;
