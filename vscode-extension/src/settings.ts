// The appconfigInspector.* settings: checks the raw values VS Code hands over and maps them onto the
// service's BackendConfig. Pure (the caller reads workspace.getConfiguration), so it is unit-tested.
// May import service types and node:path; must not import vscode.
import { isAbsolute, join, normalize } from 'node:path';
import { DEFAULT_TIMEOUTS, type BackendConfig } from '../../src/service/backend.js';

export type BackendKind = BackendConfig['kind'];

/** What workspace.getConfiguration('appconfigInspector').get(...) returned, unchecked. */
export interface RawSettings {
  backend?: unknown;
  region?: unknown;
  profile?: unknown;
  endpointUrl?: unknown;
  dataDirectory?: unknown;
  emulatorPort?: unknown;
  emulatorTimeScale?: unknown;
  proxyPort?: unknown;
  connectTimeoutMs?: unknown;
  requestTimeoutMs?: unknown;
}

export interface InspectorSettings {
  backend: BackendKind;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  dataDirectory: string;
  /** 0 picks any free port. */
  emulatorPort: number;
  /** The embedded emulator's --time-scale: deployment progress and bake time run this many times faster. */
  emulatorTimeScale: number;
  /**
   * The recording proxy's port on 127.0.0.1 (InspectorService.startProxy, as `serve --proxy-port`): null is off,
   * 0 picks a free port.
   */
  proxyPort: number | null;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

export interface SettingsDefaults {
  /** The extension's globalStorageUri path. */
  dataDirectory: string;
  /** Expands a leading `~` in dataDirectory. */
  home: string;
}

/** A combination the service cannot start with; the message names the setting to fix. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

export const DEFAULT_EMULATOR_PORT = 4567;
/** The CLI's --time-scale ceiling (src/cli/emulatorCommand.ts); below 1 is refused here, as it only slows deployments. */
export const MAX_EMULATOR_TIME_SCALE = 1_000_000;
/** The lowest fixed proxy port: below it are the privileged ports (and the well-known ones an app may mean). */
export const MIN_PROXY_PORT = 1024;
const BACKENDS: readonly BackendKind[] = ['emulator', 'aws', 'endpoint'];

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** Same rule as the CLI's --endpoint: an http(s) URL, kept without a trailing slash. */
export function normalizeEndpoint(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SettingsError(
      `appconfigInspector.endpointUrl must be a URL such as https://appconfigdata.eu-west-1.amazonaws.com, got "${raw}".`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SettingsError(`appconfigInspector.endpointUrl must be an http(s) URL, got "${raw}".`);
  }
  return url.toString().replace(/\/$/, '');
}

/**
 * Checks every value. Fixable slips (a bad port, a relative folder) fall back to the default and are
 * reported in `problems`; an endpoint backend without a usable URL throws SettingsError.
 */
export function resolveSettings(
  raw: RawSettings,
  defaults: SettingsDefaults,
): { settings: InspectorSettings; problems: string[] } {
  const problems: string[] = [];
  let backend: BackendKind = 'emulator';
  if (raw.backend !== undefined && raw.backend !== null) {
    if (BACKENDS.includes(raw.backend as BackendKind)) backend = raw.backend as BackendKind;
    else
      problems.push(
        `appconfigInspector.backend must be one of ${BACKENDS.join(', ')}; using emulator instead of ${JSON.stringify(raw.backend)}.`,
      );
  }

  let emulatorPort = DEFAULT_EMULATOR_PORT;
  if (raw.emulatorPort !== undefined && raw.emulatorPort !== null) {
    const port = raw.emulatorPort;
    if (typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535)
      emulatorPort = port;
    else
      problems.push(
        `appconfigInspector.emulatorPort must be a whole number from 0 to 65535; using ${DEFAULT_EMULATOR_PORT} instead of ${JSON.stringify(port)}.`,
      );
  }

  let emulatorTimeScale = 1;
  if (raw.emulatorTimeScale !== undefined && raw.emulatorTimeScale !== null) {
    const scale = raw.emulatorTimeScale;
    if (
      typeof scale === 'number' &&
      Number.isFinite(scale) &&
      scale >= 1 &&
      scale <= MAX_EMULATOR_TIME_SCALE
    )
      emulatorTimeScale = scale;
    else
      problems.push(
        `appconfigInspector.emulatorTimeScale must be a number from 1 to ${MAX_EMULATOR_TIME_SCALE}; using 1 (real time) instead of ${JSON.stringify(scale)}.`,
      );
  }

  // Off unless asked for: the proxy spends the inspector's credentials on whoever calls it.
  let proxyPort: number | null = null;
  if (raw.proxyPort !== undefined && raw.proxyPort !== null) {
    const port = raw.proxyPort;
    if (
      typeof port === 'number' &&
      Number.isInteger(port) &&
      (port === 0 || (port >= MIN_PROXY_PORT && port <= 65535))
    )
      proxyPort = port;
    else
      problems.push(
        `appconfigInspector.proxyPort must be 0 (a free port), a whole number from ${MIN_PROXY_PORT} to 65535, or null (off); the recording proxy stays off instead of using ${JSON.stringify(port)}.`,
      );
  }

  const limit = (name: 'connectTimeoutMs' | 'requestTimeoutMs', fallback: number, max: number) => {
    const value = raw[name];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= max)
      return value;
    problems.push(
      `appconfigInspector.${name} must be a whole number of milliseconds from 100 to ${max}; using ${fallback} instead of ${JSON.stringify(value)}.`,
    );
    return fallback;
  };
  const connectTimeoutMs = limit('connectTimeoutMs', DEFAULT_TIMEOUTS.connectTimeoutMs, 600_000);
  const requestTimeoutMs = limit('requestTimeoutMs', DEFAULT_TIMEOUTS.requestTimeoutMs, 3_600_000);

  let dataDirectory = defaults.dataDirectory;
  const dir = text(raw.dataDirectory);
  if (dir !== undefined) {
    const expanded =
      dir === '~' ? defaults.home : dir.startsWith('~/') ? join(defaults.home, dir.slice(2)) : dir;
    // A relative folder would depend on the extension host's working directory, which nobody chooses.
    if (isAbsolute(expanded)) dataDirectory = normalize(expanded);
    else
      problems.push(
        `appconfigInspector.dataDirectory must be an absolute path (or start with ~/); using ${defaults.dataDirectory} instead of "${dir}".`,
      );
  }

  const region = text(raw.region);
  const profile = text(raw.profile);
  const endpoint = text(raw.endpointUrl);
  let endpointUrl: string | undefined;
  if (backend === 'endpoint') {
    if (endpoint === undefined)
      throw new SettingsError(
        'appconfigInspector.backend is "endpoint" but appconfigInspector.endpointUrl is empty.',
      );
    endpointUrl = normalizeEndpoint(endpoint);
  } else if (endpoint !== undefined) {
    // Kept so switching the backend to "endpoint" later needs no second edit; it is validated then.
    endpointUrl = endpoint;
  }
  if (backend === 'emulator' && profile !== undefined)
    problems.push(
      'appconfigInspector.profile is ignored with the emulator backend (it needs no credentials).',
    );

  return {
    settings: {
      backend,
      ...(region !== undefined ? { region } : {}),
      ...(profile !== undefined ? { profile } : {}),
      ...(endpointUrl !== undefined ? { endpointUrl } : {}),
      dataDirectory,
      emulatorPort,
      emulatorTimeScale,
      proxyPort,
      connectTimeoutMs,
      requestTimeoutMs,
    },
    problems,
  };
}

/** The service's backend for these settings; the emulator backend needs the URL the emulator bound. */
export function toBackendConfig(
  settings: InspectorSettings,
  emulatorUrl?: string,
  observerSecret?: string,
): BackendConfig {
  const region = settings.region !== undefined ? { region: settings.region } : {};
  const profile = settings.profile !== undefined ? { profile: settings.profile } : {};
  switch (settings.backend) {
    case 'emulator':
      if (emulatorUrl === undefined)
        throw new SettingsError("The emulator backend needs the running emulator's URL.");
      return {
        kind: 'emulator',
        endpoint: emulatorUrl,
        ...region,
        ...(observerSecret !== undefined ? { observerSecret } : {}),
      };
    case 'aws':
      return { kind: 'aws', ...region, ...profile };
    case 'endpoint':
      return {
        kind: 'endpoint',
        endpoint: normalizeEndpoint(settings.endpointUrl ?? ''),
        ...region,
        ...profile,
      };
  }
}

/** Whether a settings change needs the service (and emulator) restarted: any resolved value counts. */
export function settingsDiffer(a: InspectorSettings, b: InspectorSettings): boolean {
  const keys: (keyof InspectorSettings)[] = [
    'backend',
    'region',
    'profile',
    'endpointUrl',
    'dataDirectory',
    'emulatorPort',
    'emulatorTimeScale',
    'proxyPort',
    'connectTimeoutMs',
    'requestTimeoutMs',
  ];
  return keys.some((key) => a[key] !== b[key]);
}

/**
 * One line for the output channel and notifications, e.g. "embedded emulator (port 4567)" or
 * "AWS eu-west-1 and the recording proxy (port 8089)".
 */
export function describeSettings(settings: InspectorSettings): string {
  const { proxyPort } = settings;
  const proxy =
    proxyPort === null
      ? ''
      : ` and the recording proxy (port ${proxyPort === 0 ? 'any free' : proxyPort})`;
  return describeBackend(settings) + proxy;
}

function describeBackend(settings: InspectorSettings): string {
  switch (settings.backend) {
    case 'emulator':
      return `embedded emulator (port ${settings.emulatorPort === 0 ? 'any free' : settings.emulatorPort}${
        settings.emulatorTimeScale !== 1
          ? `, deployments ${settings.emulatorTimeScale}× faster`
          : ''
      })`;
    case 'aws':
      return `AWS${settings.region ? ` ${settings.region}` : ''}${settings.profile ? `, profile ${settings.profile}` : ''}`;
    case 'endpoint':
      return `endpoint ${settings.endpointUrl ?? '?'}${settings.profile ? `, profile ${settings.profile}` : ''}`;
  }
}
