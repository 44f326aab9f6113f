import { describe, expect, it } from 'vitest';
import { createBackend, DEFAULT_TIMEOUTS } from '../../src/service/backend.js';
import {
  describeSettings,
  resolveSettings,
  settingsDiffer,
  SettingsError,
  toBackendConfig,
} from './settings.js';

const defaults = { dataDirectory: '/home/dev/.vscode/globalStorage/ext', home: '/home/dev' };

describe('resolveSettings', () => {
  it('defaults to the emulator on port 4567 with recordings in the extension storage', () => {
    expect(resolveSettings({}, defaults)).toEqual({
      settings: {
        backend: 'emulator',
        dataDirectory: defaults.dataDirectory,
        emulatorPort: 4567,
        emulatorTimeScale: 1,
        proxyPort: null,
        ...DEFAULT_TIMEOUTS,
      },
      problems: [],
    });
  });

  it('keeps valid values, trims text and expands ~ in the data directory', () => {
    const { settings, problems } = resolveSettings(
      {
        backend: 'aws',
        region: ' eu-west-1 ',
        profile: 'dev',
        dataDirectory: '~/recordings/',
        emulatorPort: 0,
      },
      defaults,
    );
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      backend: 'aws',
      region: 'eu-west-1',
      profile: 'dev',
      dataDirectory: '/home/dev/recordings/',
      emulatorPort: 0,
      emulatorTimeScale: 1,
      proxyPort: null,
      ...DEFAULT_TIMEOUTS,
    });
  });

  it('takes call timeouts in milliseconds and refuses ones too short to answer', () => {
    const ok = resolveSettings({ connectTimeoutMs: 1500, requestTimeoutMs: 30_000 }, defaults);
    expect(ok.settings).toMatchObject({ connectTimeoutMs: 1500, requestTimeoutMs: 30_000 });
    const bad = resolveSettings({ requestTimeoutMs: 5 }, defaults);
    expect(bad.settings.requestTimeoutMs).toBe(DEFAULT_TIMEOUTS.requestTimeoutMs);
    expect(bad.problems).toEqual([
      `appconfigInspector.requestTimeoutMs must be a whole number of milliseconds from 100 to 3600000; using ${DEFAULT_TIMEOUTS.requestTimeoutMs} instead of 5.`,
    ]);
  });

  it('takes an emulator time scale from 1 to 1,000,000 and falls back to real time otherwise', () => {
    expect(resolveSettings({ emulatorTimeScale: 120 }, defaults)).toMatchObject({
      settings: { emulatorTimeScale: 120 },
      problems: [],
    });
    expect(resolveSettings({ emulatorTimeScale: 2.5 }, defaults).settings.emulatorTimeScale).toBe(
      2.5,
    );
    for (const bad of [0.5, 0, -3, 1_000_001, Number.NaN, '120']) {
      const { settings, problems } = resolveSettings({ emulatorTimeScale: bad }, defaults);
      expect(settings.emulatorTimeScale).toBe(1);
      expect(problems).toEqual([
        `appconfigInspector.emulatorTimeScale must be a number from 1 to 1000000; using 1 (real time) instead of ${JSON.stringify(bad)}.`,
      ]);
    }
  });

  it('keeps the recording proxy off unless a port of 0 or 1024-65535 is set, and warns about any other value', () => {
    expect(resolveSettings({}, defaults).settings.proxyPort).toBeNull();
    expect(resolveSettings({ proxyPort: null }, defaults)).toMatchObject({
      settings: { proxyPort: null },
      problems: [],
    });
    for (const port of [0, 1024, 8089, 65535])
      expect(resolveSettings({ proxyPort: port }, defaults)).toMatchObject({
        settings: { proxyPort: port },
        problems: [],
      });
    for (const bad of [80, 1023, -1, 65536, 8089.5, Number.NaN, '8089', true]) {
      const { settings, problems } = resolveSettings({ proxyPort: bad }, defaults);
      expect(settings.proxyPort).toBeNull();
      expect(problems).toEqual([
        `appconfigInspector.proxyPort must be 0 (a free port), a whole number from 1024 to 65535, or null (off); the recording proxy stays off instead of using ${JSON.stringify(bad)}.`,
      ]);
    }
  });

  it('treats empty strings as unset', () => {
    const { settings } = resolveSettings(
      { region: '', profile: '  ', endpointUrl: '', dataDirectory: '' },
      defaults,
    );
    expect(settings).toEqual({
      backend: 'emulator',
      dataDirectory: defaults.dataDirectory,
      emulatorPort: 4567,
      emulatorTimeScale: 1,
      proxyPort: null,
      ...DEFAULT_TIMEOUTS,
    });
  });

  it('falls back to defaults for fixable slips and says which setting and why', () => {
    const { settings, problems } = resolveSettings(
      { backend: 'azure', emulatorPort: 70000, dataDirectory: 'recordings', profile: 'x' },
      defaults,
    );
    expect(settings).toEqual({
      backend: 'emulator',
      profile: 'x',
      dataDirectory: defaults.dataDirectory,
      emulatorPort: 4567,
      emulatorTimeScale: 1,
      proxyPort: null,
      ...DEFAULT_TIMEOUTS,
    });
    expect(problems).toEqual([
      'appconfigInspector.backend must be one of emulator, aws, endpoint; using emulator instead of "azure".',
      'appconfigInspector.emulatorPort must be a whole number from 0 to 65535; using 4567 instead of 70000.',
      `appconfigInspector.dataDirectory must be an absolute path (or start with ~/); using ${defaults.dataDirectory} instead of "recordings".`,
      'appconfigInspector.profile is ignored with the emulator backend (it needs no credentials).',
    ]);
  });

  it('requires a usable http(s) URL for the endpoint backend', () => {
    expect(() => resolveSettings({ backend: 'endpoint' }, defaults)).toThrow(
      new SettingsError(
        'appconfigInspector.backend is "endpoint" but appconfigInspector.endpointUrl is empty.',
      ),
    );
    expect(() =>
      resolveSettings({ backend: 'endpoint', endpointUrl: 'localhost:4567' }, defaults),
    ).toThrow(/must be an http\(s\) URL/);
    expect(() =>
      resolveSettings({ backend: 'endpoint', endpointUrl: 'not a url' }, defaults),
    ).toThrow(/must be a URL such as/);
    expect(
      resolveSettings({ backend: 'endpoint', endpointUrl: 'http://127.0.0.1:4567/' }, defaults)
        .settings.endpointUrl,
    ).toBe('http://127.0.0.1:4567');
  });

  it('keeps an endpoint URL set for later without checking it while another backend is chosen', () => {
    expect(resolveSettings({ backend: 'aws', endpointUrl: 'draft' }, defaults)).toMatchObject({
      settings: { endpointUrl: 'draft' },
      problems: [],
    });
  });
});

describe('toBackendConfig', () => {
  const base = {
    dataDirectory: '/d',
    emulatorPort: 4567,
    emulatorTimeScale: 1,
    proxyPort: null,
    ...DEFAULT_TIMEOUTS,
  };

  it("maps each backend onto the service's BackendConfig", () => {
    expect(
      toBackendConfig(
        { ...base, backend: 'emulator', region: 'eu-west-1' },
        'http://127.0.0.1:4567',
      ),
    ).toEqual({ kind: 'emulator', endpoint: 'http://127.0.0.1:4567', region: 'eu-west-1' });
    expect(toBackendConfig({ ...base, backend: 'aws', profile: 'dev' })).toEqual({
      kind: 'aws',
      profile: 'dev',
    });
    expect(
      toBackendConfig({
        ...base,
        backend: 'endpoint',
        endpointUrl: 'https://appconfig.example.com',
        region: 'us-west-2',
        profile: 'p',
      }),
    ).toEqual({
      kind: 'endpoint',
      endpoint: 'https://appconfig.example.com',
      region: 'us-west-2',
      profile: 'p',
    });
    expect(() => toBackendConfig({ ...base, backend: 'emulator' })).toThrow(/emulator's URL/);
  });

  it('gives a config the real service backend accepts, carrying no credentials in its info', () => {
    const backend = createBackend(
      toBackendConfig({
        ...base,
        backend: 'endpoint',
        endpointUrl: 'https://appconfig.example.com',
        region: 'us-west-2',
        profile: 'p',
      }),
    );
    try {
      expect(backend.info).toEqual({
        kind: 'endpoint',
        endpoint: 'https://appconfig.example.com',
        region: 'us-west-2',
        profile: 'p',
        canListResources: true,
      });
    } finally {
      backend.destroy();
    }
  });
});

describe('settingsDiffer and describeSettings', () => {
  const a = resolveSettings({}, defaults).settings;

  it('asks for a restart when any resolved value changes, not when the raw text only differs in spaces', () => {
    expect(settingsDiffer(a, resolveSettings({ region: ' ' }, defaults).settings)).toBe(false);
    expect(settingsDiffer(a, resolveSettings({ emulatorPort: 4568 }, defaults).settings)).toBe(
      true,
    );
    expect(settingsDiffer(a, resolveSettings({ dataDirectory: '/tmp/x' }, defaults).settings)).toBe(
      true,
    );
    expect(settingsDiffer(a, resolveSettings({ backend: 'aws' }, defaults).settings)).toBe(true);
    expect(settingsDiffer(a, resolveSettings({ emulatorTimeScale: 120 }, defaults).settings)).toBe(
      true,
    );
    expect(settingsDiffer(a, resolveSettings({ proxyPort: 0 }, defaults).settings)).toBe(true);
    const proxied = resolveSettings({ proxyPort: 8089 }, defaults).settings;
    expect(settingsDiffer(proxied, resolveSettings({ proxyPort: 8090 }, defaults).settings)).toBe(
      true,
    );
    expect(settingsDiffer(proxied, resolveSettings({ proxyPort: 8089 }, defaults).settings)).toBe(
      false,
    );
    // A refused value falls back to off: nothing to restart for when it was off already.
    expect(settingsDiffer(a, resolveSettings({ proxyPort: 80 }, defaults).settings)).toBe(false);
  });

  it('describes the backend in a few words', () => {
    expect(describeSettings(a)).toBe('embedded emulator (port 4567)');
    expect(describeSettings({ ...a, emulatorPort: 0 })).toBe('embedded emulator (port any free)');
    expect(describeSettings({ ...a, emulatorTimeScale: 120 })).toBe(
      'embedded emulator (port 4567, deployments 120× faster)',
    );
    expect(describeSettings({ ...a, backend: 'aws', region: 'eu-west-1', profile: 'dev' })).toBe(
      'AWS eu-west-1, profile dev',
    );
    expect(describeSettings({ ...a, backend: 'endpoint', endpointUrl: 'http://h' })).toBe(
      'endpoint http://h',
    );
    expect(describeSettings({ ...a, proxyPort: 8089 })).toBe(
      'embedded emulator (port 4567) and the recording proxy (port 8089)',
    );
    expect(describeSettings({ ...a, backend: 'aws', region: 'eu-west-1', proxyPort: 0 })).toBe(
      'AWS eu-west-1 and the recording proxy (port any free)',
    );
  });
});
