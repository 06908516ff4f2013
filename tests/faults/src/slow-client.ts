import WebSocket from 'ws';

/**
 * One slow client in a process of its own (slow-clients.test.ts): it
 * subscribes to a project's events, then stops reading while still sending
 * PONG, as a client whose reader is stuck but whose connection is alive. Told
 * to resume, it reads again, and when the server has dropped it, subscribes
 * again from the last event id it saw until it holds `expected` created tasks.
 *
 * Messages to the parent: subscribed, closed { code }, done { taskIds }.
 */

const { SLOW_URL, SLOW_TOKEN, SLOW_PROJECT } = process.env;
if (!SLOW_URL || !SLOW_TOKEN || !SLOW_PROJECT || !process.send) throw new Error('slow-client: run by slow-clients.test.ts');
const send = (message: unknown) => process.send!(message);

type Message = { result?: { type: string; data?: { id: string; data: { type: string; payload?: { task?: { id: string } } } } } };

const taskIds = new Set<string>();
/** From the start of the log: the events written before it subscribed are what it reads before it stops reading. */
let lastId = '0';
let expected = Infinity;
let resumed = false;
let current: { ws: WebSocket; open: boolean } | undefined;

function maybeDone() {
  if (!resumed || taskIds.size < expected) return;
  send({ type: 'done', taskIds: [...taskIds] });
  process.exit(0);
}

function connect(first: boolean) {
  const ws = new WebSocket(`${SLOW_URL!.replace('http', 'ws')}/trpc`, { headers: { authorization: `Bearer ${SLOW_TOKEN}` } });
  const self = { ws, open: true };
  current = self;
  let pong: NodeJS.Timeout | undefined;
  ws.on('open', () => {
    const input = { projectId: SLOW_PROJECT, lastEventId: lastId };
    ws.send(JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'subscription', params: { path: 'events.onEvent', input } }));
  });
  ws.on('message', (data) => {
    const text = (data as Buffer).toString('utf8');
    if (text === 'PING') return ws.send('PONG');
    const item = (JSON.parse(text) as Message).result;
    if (item?.type !== 'data' || !item.data) return;
    lastId = item.data.id;
    const taskId = item.data.data.type === 'task:created' ? item.data.data.payload?.task?.id : undefined;
    if (taskId) taskIds.add(taskId);
    if (first && !resumed && !pong) {
      // Stop reading; keep the connection alive without reading the server's PINGs.
      (ws as unknown as { _socket: { pause(): void } })._socket.pause();
      pong = setInterval(() => ws.send('PONG'), 1_000);
      send({ type: 'subscribed' });
    }
    maybeDone();
  });
  ws.on('close', (code) => {
    clearInterval(pong);
    self.open = false;
    if (first) send({ type: 'closed', code });
    // Dropped before it was told to read again: it reconnects once resumed.
    if (resumed) connect(false);
  });
}

process.on('message', (message: { type: string; expected: number }) => {
  if (message.type !== 'resume' || resumed) return;
  resumed = true;
  expected = message.expected;
  maybeDone();
  if (current?.open) (current.ws as unknown as { _socket: { resume(): void } })._socket.resume();
  else connect(false);
});

connect(true);
