// `serve --emulator-url URL [--emulator-secret S]`: the inspector follows an emulator that is already running
// (started with `appconfig-inspector emulator`) instead of embedding its own. Used by serveCommand.ts only.
import type { BackendConfig } from '../service/backend.js';
import { UsageError } from './args.js';

export const SECRET_ENV = 'APPCONFIG_EMULATOR_SECRET';

export interface FollowedEmulator {
  backend: BackendConfig & { kind: 'emulator' };
  /** One line for the start-up banner: what is followed and whether tokens will be visible. */
  banner: string;
}

function emulatorUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(
      `--emulator-url must be a URL such as http://127.0.0.1:4567, got "${raw}".`,
    );
  }
  if (url.protocol !== 'http:') throw new UsageError('--emulator-url must be an http:// URL.');
  return url.origin;
}

/**
 * Checks the emulator answers and, when a secret is given, that it is this emulator's: a wrong secret is a
 * usage error now rather than a stream refused every second later. Unreachable is only a warning, since the
 * follower reconnects once the emulator is up.
 */
export async function followEmulator(
  rawUrl: string,
  flagSecret: string | undefined,
  region: string | undefined,
  warn: (message: string) => void,
): Promise<FollowedEmulator> {
  const endpoint = emulatorUrl(rawUrl);
  const secret = flagSecret ?? (process.env[SECRET_ENV] || undefined);
  try {
    const res = await fetch(`${endpoint}/__emulator/observations?limit=1`, {
      headers: secret !== undefined ? { 'X-Emulator-Secret': secret } : {},
      signal: AbortSignal.timeout(3000),
    });
    await res.body?.cancel();
    if (res.status === 403 && secret !== undefined) {
      throw new UsageError(
        `${flagSecret !== undefined ? '--emulator-secret' : SECRET_ENV} is not the observer secret of the ` +
          `emulator at ${endpoint} (it prints a new one each launch).`,
      );
    }
    if (!res.ok) warn(`The emulator at ${endpoint} answered ${res.status} to its observation API.`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    warn(
      `No emulator answers at ${endpoint} yet (${(e as Error).message}); observed sessions appear once it does.`,
    );
  }
  return {
    backend: {
      kind: 'emulator',
      endpoint,
      ...(region ? { region } : {}),
      ...(secret !== undefined ? { observerSecret: secret } : {}),
    },
    banner:
      `Following AppConfig emulator: ${endpoint} ` +
      (secret !== undefined
        ? '(observer secret given)\n'
        : `(no observer secret: its records carry token fingerprints only; see --emulator-secret)\n`),
  };
}
