import type { ITheme } from '@xterm/xterm';

/**
 * ANSI palettes: xterm needs concrete colours. The default palette is made for a
 * dark background; on a light one its yellow and white are unreadable, so each
 * scheme gets its own, tuned for contrast against the page's `bg` token.
 */
const DARK_ANSI = {
  black: '#1b1f25',
  red: '#f87171',
  green: '#4ade80',
  yellow: '#facc15',
  blue: '#60a5fa',
  magenta: '#c084fc',
  cyan: '#22d3ee',
  white: '#d4d7dc',
  brightBlack: '#6b7280',
  brightRed: '#fca5a5',
  brightGreen: '#86efac',
  brightYellow: '#fde047',
  brightBlue: '#93c5fd',
  brightMagenta: '#d8b4fe',
  brightCyan: '#67e8f9',
  brightWhite: '#f9fafb',
};
const LIGHT_ANSI = {
  black: '#18181b',
  red: '#b91c1c',
  green: '#15803d',
  yellow: '#a16207',
  blue: '#1d4ed8',
  magenta: '#a21caf',
  cyan: '#0e7490',
  white: '#71717a',
  brightBlack: '#52525b',
  brightRed: '#dc2626',
  brightGreen: '#16a34a',
  brightYellow: '#ca8a04',
  brightBlue: '#2563eb',
  brightMagenta: '#c026d3',
  brightCyan: '#0891b2',
  brightWhite: '#f4f4f5',
};

/** A design token's colour as the browser resolved it (tokens use light-dark(), which only an element can resolve). */
function tokenColour(host: HTMLElement, token: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(--color-${token})`;
  probe.style.display = 'none';
  host.appendChild(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

export function prefersDark(): boolean {
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** The terminal's colours for the current scheme: page tokens for background, text and cursor; a tuned ANSI palette. */
export function terminalTheme(host: HTMLElement): ITheme {
  const dark = prefersDark();
  return {
    ...(dark ? DARK_ANSI : LIGHT_ANSI),
    background: tokenColour(host, 'bg'),
    foreground: tokenColour(host, 'fg'),
    cursor: tokenColour(host, 'accent'),
    cursorAccent: tokenColour(host, 'bg'),
    selectionBackground: dark ? '#3b4252' : '#c7d2fe',
  };
}
