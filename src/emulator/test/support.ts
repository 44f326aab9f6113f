// Test support for emulator tests: starts an emulator on an ephemeral loopback port and returns real AWS SDK
// clients pointed at it. Test-only (may import the SDK); production emulator code must not import this.
import { AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import { AppConfigClient } from '@aws-sdk/client-appconfig';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../index.js';

export interface TestEmulator {
  emulator: RunningEmulator;
  data: AppConfigDataClient;
  control: AppConfigClient;
  close(): Promise<void>;
}

const credentials = { accessKeyId: 'AKIDEMULATORTEST', secretAccessKey: 'emulator-test-secret' };

export function dataClient(
  url: string,
  extra: Partial<ConstructorParameters<typeof AppConfigDataClient>[0] & object> = {},
) {
  return new AppConfigDataClient({ endpoint: url, region: 'us-east-1', credentials, ...extra });
}

export function controlClient(url: string) {
  return new AppConfigClient({ endpoint: url, region: 'us-east-1', credentials });
}

/** Emulator on 127.0.0.1:0 (no demo seed unless asked) plus both SDK clients. */
export async function startTestEmulator(
  options: Partial<EmulatorOptions> = {},
): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0, seed: 'none', ...options });
  const data = dataClient(emulator.url);
  const control = controlClient(emulator.url);
  return {
    emulator,
    data,
    control,
    close: async () => {
      data.destroy();
      control.destroy();
      await emulator.close();
    },
  };
}
