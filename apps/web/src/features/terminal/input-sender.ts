/**
 * Keystrokes go to the PTY one request at a time, in order: two HTTP calls in
 * flight at once may arrive swapped. What is typed while one is in flight is
 * sent as one string next.
 */
export class InputSender {
  private pending = '';
  private sending = false;

  constructor(
    private readonly send: (data: string) => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  push(data: string): void {
    this.pending += data;
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.pending) {
        // The API takes at most 64 KiB per call (a big paste goes in pieces).
        let end = Math.min(this.pending.length, 16_384);
        // Never split a surrogate pair: each call must be well-formed text.
        const last = this.pending.charCodeAt(end - 1);
        if (end < this.pending.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
        const data = this.pending.slice(0, end);
        this.pending = this.pending.slice(data.length);
        try {
          await this.send(data);
        } catch (error) {
          this.pending = '';
          this.onError(error);
        }
      }
    } finally {
      this.sending = false;
    }
  }
}
