// The default per-user data directory for recordings (XDG on Linux, Application Support on macOS,
// LOCALAPPDATA on Windows); `--data-dir` overrides it.
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(): string {
  const home = homedir();
  if (platform() === 'darwin')
    return join(home, 'Library', 'Application Support', 'appconfig-inspector');
  if (platform() === 'win32')
    return join(process.env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'appconfig-inspector');
  return join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'appconfig-inspector');
}
