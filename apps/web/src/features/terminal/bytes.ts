/**
 * Terminal output arrives as base64 chunks of raw PTY bytes. They go to xterm
 * as bytes: a UTF-8 character split across two chunks is only whole once xterm's
 * own decoder has seen both, so decoding a chunk to a string on its own would garble it.
 */
export function decodeBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** One buffer from many (one xterm write per frame instead of one per chunk). */
export function concatBytes(parts: readonly Uint8Array[], total?: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total ?? parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
