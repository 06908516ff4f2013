import { isIP } from 'node:net';
import { hostname } from 'node:os';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);
const WILDCARDS = new Set(['0.0.0.0', '::']);
/** An explicit token guarding a server others can reach: long enough not to be guessed. */
export const MIN_EXPOSED_TOKEN_LENGTH = 32;

export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return LOOPBACK_NAMES.has(bare) || bare.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/**
 * Refuses to listen beyond loopback unless the owner chose a strong token
 * (a generated token sits in a file nobody else was told about, and the
 * server can start processes). Returns the warning to print when exposed.
 */
export function checkExposure(opts: { host: string; explicitToken: string | undefined }): { warning: string | null } {
  if (isLoopback(opts.host)) return { warning: null };
  const token = opts.explicitToken;
  if (!token) {
    throw new Error(
      `Refusing to listen on HOST=${opts.host} (reachable from other machines) without an explicit MAESTRO_TOKEN. ` +
        `Set MAESTRO_TOKEN to a random secret of at least ${MIN_EXPOSED_TOKEN_LENGTH} characters (e.g. \`openssl rand -base64 32\`), or leave HOST at 127.0.0.1.`,
    );
  }
  if (token.length < MIN_EXPOSED_TOKEN_LENGTH || new Set(token).size < 10) {
    throw new Error(
      `Refusing to listen on HOST=${opts.host} with a weak MAESTRO_TOKEN: use a random secret of at least ${MIN_EXPOSED_TOKEN_LENGTH} characters (e.g. \`openssl rand -base64 32\`).`,
    );
  }
  return {
    warning: `listening on ${opts.host}: anyone who can reach this port and holds the token can start processes on this machine; put TLS in front of it`,
  };
}

/**
 * The Host header names a browser may reach this server by. A DNS-rebinding
 * page reaches 127.0.0.1 under its own domain name, so names are allowed only
 * when they are loopback, the bound address, this machine's name or listed in
 * MAESTRO_ALLOWED_HOSTS; IP literals cannot be rebound and pass on a wildcard bind.
 */
export function createHostCheck(opts: { host: string; allowed: readonly string[] }): (hostHeader: string | undefined) => boolean {
  const names = new Set([...opts.allowed, hostname()].map((n) => n.toLowerCase()));
  const bound = opts.host.replace(/^\[|\]$/g, '').toLowerCase();
  const wildcard = WILDCARDS.has(bound);
  if (!wildcard) names.add(bound);
  return (hostHeader) => {
    // Not a browser (HTTP/1.0 tools): rebinding needs a browser, which always sends Host.
    if (!hostHeader) return true;
    const name = stripPort(hostHeader).toLowerCase();
    if (isLoopback(name) || names.has(name)) return true;
    return wildcard && isIP(name) !== 0;
  };
}

function stripPort(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(1, hostHeader.indexOf(']'));
  const colon = hostHeader.lastIndexOf(':');
  return colon >= 0 && hostHeader.indexOf(':') === colon ? hostHeader.slice(0, colon) : hostHeader;
}
