export { createTcpProxy, type TcpProxy } from './tcp-proxy.js';
export { freePort, spawnServer, waitForHealth, type ServerProcess } from './spawn-server.js';
export { collectEvents } from './collect.js';
