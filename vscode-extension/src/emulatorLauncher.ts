// Starts the embedded AppConfig emulator inside the extension host for the 'emulator' backend. The only
// extension file allowed to import src/emulator: the service still reaches the emulator over HTTP through
// the real AWS SDK, exactly as it would reach AWS. Must not import vscode.
import { startEmulator } from '../../src/emulator/index.js';

export interface LaunchedEmulator {
  /** Base URL such as http://127.0.0.1:4567: the SDK endpoint, and AWS_ENDPOINT_URL_APPCONFIGDATA for apps. */
  url: string;
  port: number;
  /** Lets the service's observation follower see full tokens (the emulator's other readers see fingerprints). */
  observerSecret: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** 0 picks any free port. */
  port: number;
  /** The emulator's --time-scale (1: real time); a testing and demo aid, see settings.ts. */
  timeScale?: number;
}

/**
 * Binds 127.0.0.1:`port` with the demo seed. The default port is a convenience for pointing apps at it; when
 * another window or tool already holds it, any free port will do, and `onFallback` says so.
 */
export async function launchEmulator(
  { port, timeScale = 1 }: LaunchOptions,
  onFallback: (message: string) => void = () => undefined,
): Promise<LaunchedEmulator> {
  const options = { host: '127.0.0.1', seed: 'demo' as const, timeScale };
  try {
    return await startEmulator({ ...options, port });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw e;
    const emulator = await startEmulator({ ...options, port: 0 });
    onFallback(`Port ${port} is in use, so the emulator took port ${emulator.port}.`);
    return emulator;
  }
}
