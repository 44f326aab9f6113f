// Runs async operations one at a time, in the order they were asked for. A session's token chain has one
// owner: every operation on it (start, scheduled poll, Poll now, replay, pause, stop, delete) waits its turn
// here, so two clicks can never send one token twice. Imported by sessionRunner.ts, and by
// backendSwitch.ts so that two profile switches never interleave.
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  /** Resolves or rejects with `op`'s own result once every earlier operation has settled. */
  run<T>(op: () => Promise<T> | T): Promise<T> {
    this.pending++;
    const result = this.tail.then(op);
    this.tail = result
      .catch(() => undefined)
      .finally(() => {
        this.pending--;
      });
    return result;
  }

  /** Operations queued or running. */
  get size(): number {
    return this.pending;
  }
}
