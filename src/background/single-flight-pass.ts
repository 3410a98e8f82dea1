/**
 * Runs one background pass at a time: a kick while a pass runs asks for exactly one more pass afterwards,
 * however many kicks arrive. Used by the inbox processor and the outbox worker.
 */
export class SingleFlightPass {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Ask for a pass soon; concurrent kicks collapse into one follow-up pass. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .then(
        () => undefined,
        (error: unknown) => this.onError(error),
      )
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Waits for the pass in flight, and any follow-up it triggered (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** No new passes; waits for the one in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }
}
