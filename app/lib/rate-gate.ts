/**
 * Paces requests to a provider at a steady rate. Slots are laid out on an absolute schedule
 * (start + n / rate) so that the time spent on each request does not slow the rate down; a caller
 * that fell behind (a busy event loop, a slow claim) may catch up on at most `maxLagMs` of missed
 * slots, which keeps the average on target without ever bursting far above it. A `retry-after`
 * from the provider pushes every later slot back.
 */
export class RateGate {
  private next = 0;
  private readonly intervalMs: number;

  constructor(
    ratePerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly maxLagMs = 500,
  ) {
    this.intervalMs = 1000 / ratePerSecond;
  }

  /** Resolves when the caller may send its next request. */
  async take(): Promise<void> {
    const now = this.now();
    // Further behind than that means the sender was idle: restart from now, with no burst.
    const slot = this.next < now - this.maxLagMs ? now : this.next;
    this.next = slot + this.intervalMs;
    if (slot > now) await this.sleep(slot - now);
  }

  pauseUntil(at: number) {
    this.next = Math.max(this.next, at);
  }
}
