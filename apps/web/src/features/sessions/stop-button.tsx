'use client';
import type { Session } from '@maestro/schemas';
import { Square } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { describeError } from '@/lib/errors';
import { useWrite } from '../offline/use-write';

/** Stop (with a confirmation): SIGTERM to the agent, SIGKILL 5 s later if it is still there. */
export function StopButton({ session }: { session: Session }) {
  const write = useWrite();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stop = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await write('session.stop', { id: session.id }, `Stop ${session.name}`);
      if (r.queued) toast.info('Stop queued: it is sent when the connection returns');
      setConfirming(false);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
        <Square aria-hidden size={12} /> Stop
      </Button>
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Stop ${session.name}?`}>
        <p className="text-muted">The agent gets SIGTERM, then SIGKILL after 5 seconds. Its output stays and can be replayed.</p>
        {error && (
          <p role="alert" className="text-[13px] text-danger">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
          <Button variant="danger" disabled={busy} onClick={() => void stop()} autoFocus>
            Stop session
          </Button>
        </div>
      </Dialog>
    </>
  );
}
