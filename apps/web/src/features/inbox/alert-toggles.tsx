'use client';
import { useAlertSettings } from './alert-settings';

/** Opt-in: browser notifications (asks for permission when turned on) and a chime, when something enters the inbox. */
export function AlertToggles() {
  const { settings, update } = useAlertSettings();
  const supported = typeof Notification !== 'undefined';
  const denied = supported && Notification.permission === 'denied';
  const toggleNotify = async (on: boolean) => {
    if (on && supported && Notification.permission !== 'granted') {
      const answer = await Notification.requestPermission();
      if (answer !== 'granted') return update({ notify: false });
    }
    update({ notify: on });
  };
  return (
    <div className="ml-auto flex items-center gap-4 text-[13px]">
      <label className="flex items-center gap-1.5" title={denied ? 'Notifications are blocked for this site in the browser settings' : undefined}>
        <input type="checkbox" checked={settings.notify} disabled={!supported || denied} onChange={(e) => void toggleNotify(e.target.checked)} />
        Notify me
      </label>
      <label className="flex items-center gap-1.5">
        <input type="checkbox" checked={settings.sound} onChange={(e) => update({ sound: e.target.checked })} />
        Sound
      </label>
    </div>
  );
}
