'use client';
import { useCallback, useState } from 'react';

/** Per browser: whether a new inbox item shows a notification and plays a sound (both off until asked for). */
export interface AlertSettings {
  notify: boolean;
  sound: boolean;
}

const KEY = 'maestro.inbox.alerts';

export function readAlertSettings(): AlertSettings {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<AlertSettings>;
    return { notify: parsed.notify === true, sound: parsed.sound === true };
  } catch {
    return { notify: false, sound: false };
  }
}

export function useAlertSettings() {
  const [settings, setSettings] = useState(readAlertSettings);
  const update = useCallback((patch: Partial<AlertSettings>) => {
    setSettings((old) => {
      const next = { ...old, ...patch };
      localStorage.setItem(KEY, JSON.stringify(next));
      return next;
    });
  }, []);
  return { settings, update };
}

/** A short two-tone chime from Web Audio: no file to load. */
export function chime(): void {
  const Ctx = window.AudioContext;
  if (!Ctx) return;
  const ctx = new Ctx();
  for (const [i, freq] of [660, 880].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.08, ctx.currentTime + i * 0.12);
    gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + i * 0.12 + 0.25);
    osc.connect(gain).connect(ctx.destination);
    osc.start(ctx.currentTime + i * 0.12);
    osc.stop(ctx.currentTime + i * 0.12 + 0.3);
  }
  setTimeout(() => void ctx.close(), 1_000);
}
