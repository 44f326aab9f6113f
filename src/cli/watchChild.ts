// Runs `watch`'s CMD: stdio inherited unchanged, in its own process group (when stdin is not a terminal) so
// a signal and the final clean-up reach every process it started; forwards watch's SIGINT/SIGTERM, kills
// after a bounded wait, and reports how CMD ended. Imported by watchCommand.ts only.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildExit {
  code: number | null;
  signal: string | null;
}

/** How long CMD has to exit after a forwarded signal before it is killed. */
export const STOP_GRACE_MS = 10_000;
/** How long processes CMD left behind get after SIGTERM before SIGKILL. */
const LEFTOVER_GRACE_MS = 2_000;

export class WatchedChild {
  readonly exited: Promise<ChildExit>;
  private readonly child: ChildProcess;
  /**
   * At a terminal CMD stays in watch's process group: the terminal's Ctrl-C reaches it directly, and a
   * process in another group that reads the terminal would be stopped (SIGTTIN). Elsewhere (CI, pipes) it
   * leads its own group, so watch can signal all of it.
   */
  private readonly ownGroup = process.stdin.isTTY !== true;
  private done = false;
  private killTimer?: ReturnType<typeof setTimeout>;

  constructor(command: string[], env: NodeJS.ProcessEnv, log: (line: string) => void) {
    this.child = spawn(command[0]!, command.slice(1), {
      stdio: 'inherit',
      env,
      detached: this.ownGroup,
    });
    this.exited = new Promise((resolve) => {
      this.child.once('error', (e: NodeJS.ErrnoException) => {
        // Never started (no such program, not executable): the shell's 127/126.
        if (this.child.pid !== undefined) return;
        this.done = true;
        log(`cannot run ${command[0]}: ${e.message}`);
        resolve({ code: e.code === 'EACCES' ? 126 : 127, signal: null });
      });
      this.child.once('exit', (code, signal) => {
        this.done = true;
        clearTimeout(this.killTimer);
        resolve({ code, signal });
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * Passes watch's signal on and kills CMD if it is still running after STOP_GRACE_MS. A terminal's Ctrl-C
   * already reached CMD in watch's group, so SIGINT is forwarded only to a group of its own.
   */
  stop(signal: NodeJS.Signals): void {
    if (this.done) return;
    if (this.ownGroup || signal !== 'SIGINT') this.signal(signal);
    this.killTimer ??= setTimeout(() => this.kill(), STOP_GRACE_MS);
  }

  /** SIGKILL now: the second Ctrl-C, or the grace period ran out. */
  kill(): void {
    this.signal('SIGKILL');
  }

  /**
   * After CMD exited: processes it left running in its group (a server, a poller in the background) would
   * keep calling an emulator that is going away, so they get SIGTERM, then SIGKILL. Resolves when none is
   * left or the grace period ran out.
   */
  async reapLeftovers(): Promise<number> {
    const pid = this.child.pid;
    if (!this.ownGroup || pid === undefined || !groupAlive(pid)) return 0;
    this.signal('SIGTERM', true);
    const deadline = Date.now() + LEFTOVER_GRACE_MS;
    // No event says a process group emptied: check it at short steps, bounded by the grace period.
    while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (groupAlive(pid)) this.signal('SIGKILL', true);
    return 1;
  }

  private signal(signal: NodeJS.Signals, evenIfDone = false): void {
    const pid = this.child.pid;
    if (pid === undefined || (this.done && !evenIfDone)) return;
    try {
      if (this.ownGroup) process.kill(-pid, signal);
      else this.child.kill(signal);
    } catch (e) {
      // ESRCH: it exited in the meantime.
      if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
    }
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
