// STUB (to be replaced by the data-plane work): bounded log of sessions and polls served.
import type { EmulatorClock } from './store.js';

export class ObservationLog {
  constructor(
    readonly limit: number,
    readonly clock: EmulatorClock,
  ) {}
  close(): void {}
}
