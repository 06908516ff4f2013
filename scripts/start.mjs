#!/usr/bin/env node
// `npm start`: the server and one local runner, side by side, as separate
// processes (a server restart never kills an agent). Ctrl-C stops both.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '4800';
const host = process.env.HOST ?? '127.0.0.1';
const url = `http://${host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
const children = new Set();

function run(name, args, env) {
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      process.stderr.write(`maestro: the ${name} exited (${signal ?? code}); stopping.\n`);
      stop(code ?? 1);
    }
  });
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  const wait = setInterval(() => {
    if (children.size === 0) {
      clearInterval(wait);
      process.exit(code);
    }
  }, 50);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run('server', ['apps/server/dist/main.js'], {});
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${url}/health`)).ok) break;
  } catch {}
  if (stopping) process.exit(1);
  if (i > 1200) {
    process.stderr.write(`maestro: the server did not answer at ${url}/health within 2 minutes.\n`);
    stop(1);
  }
  await new Promise((r) => setTimeout(r, 100));
}
if (!stopping) run('runner', ['packages/runner/dist/main.js'], { MAESTRO_API_URL: url });
