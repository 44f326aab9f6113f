// Seeds the emulator from a JSON file: the built-in demo (seeds/demo.json) or the user's `--seed FILE`, both
// through this one loader. Resources are created with the control plane's own create operations, so a seed
// passes exactly the checks an API call would; any refusal names the file and the JSON path it came from.
// Who may import: the emulator's index.ts. Imports node: and the emulator's own folder only.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { EmulatorContext } from './index.js';
import type { EmulatorOptions } from './options.js';
import type { Store } from './store.js';
import { AwsError } from './http.js';
import { createApplication } from './controlPlane/applications.js';
import { createEnvironment } from './controlPlane/environments.js';
import { createProfile } from './controlPlane/profiles.js';
import { createHostedVersion } from './controlPlane/hostedVersions.js';
import {
  createStrategy,
  PREDEFINED_STRATEGIES,
  requireStrategy,
} from './controlPlane/strategies.js';
import { startDeployment } from './controlPlane/deployments.js';

type Json = Record<string, unknown>;

/** A seed that cannot be loaded; the message starts with the file and the JSON path of the problem. */
export class SeedError extends Error {
  override name = 'SeedError';
}

const DEMO_SEED = fileURLToPath(new URL('./seeds/demo.json', import.meta.url));
const MINUTE = 60_000;

/** Reads seed values while tracking where they are, so every message can say `file: $.path: problem`. */
class Reader {
  constructor(readonly source: string) {}

  fail(path: string, problem: string): never {
    throw new SeedError(`${this.source}: ${path}: ${problem}`);
  }

  object(path: string, value: unknown, keys: { required?: string[]; optional?: string[] }): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, 'must be an object.');
    }
    const allowed = [...(keys.required ?? []), ...(keys.optional ?? [])];
    for (const key of Object.keys(value)) {
      if (allowed.includes(key)) continue;
      this.fail(`${path}.${key}`, `unknown key; expected one of ${allowed.join(', ')}.`);
    }
    for (const key of keys.required ?? [])
      if (!(key in value)) this.fail(`${path}.${key}`, 'is required.');
    return value as Json;
  }

  list(path: string, value: unknown): unknown[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) this.fail(path, 'must be an array.');
    return value;
  }

  string(path: string, value: unknown): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') this.fail(path, 'must be a string.');
    return value;
  }

  /** A `name` that must be unique among its siblings (they are referenced by name). */
  uniqueName(path: string, item: Json, seen: Map<string, string>, what: string): string {
    const name = String(item.name);
    if (seen.has(name)) this.fail(`${path}.name`, `duplicate ${what} name '${name}'.`);
    return name;
  }

  /** Runs a control-plane operation, turning its AWS-style refusal into a located seed error. */
  apply<T>(path: string, op: () => T): T {
    try {
      return op();
    } catch (e) {
      if (e instanceof AwsError) this.fail(path, e.message);
      throw e;
    }
  }
}

/** `content` (a string, or any other JSON value stored as JSON) or `contentBase64` for binary data. */
function versionContent(
  r: Reader,
  path: string,
  v: Json,
): { content: Buffer; contentType: string } {
  const declared = r.string(`${path}.contentType`, v.contentType);
  if ((v.content === undefined) === (v.contentBase64 === undefined)) {
    r.fail(path, 'needs exactly one of content (a string or any JSON value) or contentBase64.');
  }
  if (v.contentBase64 !== undefined) {
    const b64 = r.string(`${path}.contentBase64`, v.contentBase64) ?? '';
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64.replace(/\s/g, ''))) {
      r.fail(`${path}.contentBase64`, 'is not valid base64.');
    }
    return {
      content: Buffer.from(b64, 'base64'),
      contentType: declared ?? 'application/octet-stream',
    };
  }
  if (typeof v.content === 'string') {
    return { content: Buffer.from(v.content, 'utf8'), contentType: declared ?? 'text/plain' };
  }
  // Pretty-printed, so versions seeded from JSON values diff line by line in the inspector.
  const json = Buffer.from(JSON.stringify(v.content, null, 2));
  return { content: json, contentType: declared ?? 'application/json' };
}

function seedStrategies(r: Reader, store: Store, list: unknown[]): Map<string, string> {
  const byName = new Map<string, string>();
  list.forEach((item, i) => {
    const path = `$.deploymentStrategies[${i}]`;
    const s = r.object(path, item, {
      required: ['name', 'durationMinutes', 'growthFactor'],
      optional: ['description', 'growthType', 'finalBakeMinutes'],
    });
    r.uniqueName(path, s, byName, 'strategy');
    const created = r.apply(path, () =>
      createStrategy(store, {
        Name: s.name,
        Description: s.description,
        DeploymentDurationInMinutes: s.durationMinutes,
        GrowthFactor: s.growthFactor,
        GrowthType: s.growthType,
        FinalBakeTimeInMinutes: s.finalBakeMinutes,
      }),
    );
    byName.set(created.Name, created.Id);
  });
  return byName;
}

type Names = Map<string, string>;

function seedEnvironments(
  r: Reader,
  store: Store,
  appId: string,
  path: string,
  list: unknown,
): Names {
  const byName = new Map<string, string>();
  r.list(path, list).forEach((item, j) => {
    const p = `${path}[${j}]`;
    const e = r.object(p, item, { required: ['name'], optional: ['description'] });
    const name = r.uniqueName(p, e, byName, 'environment');
    const body = { Name: e.name, Description: e.description };
    byName.set(name, r.apply(p, () => createEnvironment(store, appId, body)).Id);
  });
  return byName;
}

function seedProfiles(r: Reader, store: Store, appId: string, path: string, list: unknown): Names {
  const byName = new Map<string, string>();
  r.list(path, list).forEach((item, j) => {
    const p = `${path}[${j}]`;
    const pr = r.object(p, item, {
      required: ['name'],
      optional: ['description', 'type', 'versions'],
    });
    const name = r.uniqueName(p, pr, byName, 'profile');
    const body = {
      Name: pr.name,
      Description: pr.description,
      Type: pr.type,
      LocationUri: 'hosted',
    };
    const profile = r.apply(p, () => createProfile(store, appId, body));
    byName.set(name, profile.Id);
    r.list(`${p}.versions`, pr.versions).forEach((item, k) => {
      const vp = `${p}.versions[${k}]`;
      const v = r.object(vp, item, {
        optional: ['label', 'description', 'contentType', 'content', 'contentBase64'],
      });
      const { content, contentType } = versionContent(r, vp, v);
      const input = {
        Content: content,
        ContentType: contentType,
        Description: r.string(`${vp}.description`, v.description),
        VersionLabel: r.string(`${vp}.label`, v.label),
      };
      r.apply(vp, () => createHostedVersion(store, appId, profile.Id, input));
    });
  });
  return byName;
}

interface PlannedDeployment {
  path: string;
  entry: Json;
  envId: string;
  profileId: string;
  strategyId: string;
}

/** Start times: explicit `startedMinutesAgo`, or by default just early enough to have completed by now. */
function startTimes(r: Reader, store: Store, planned: PlannedDeployment[]): Date[] {
  const now = store.clock.now();
  const starts: Date[] = [];
  const next = new Map<string, number>();
  for (let i = planned.length - 1; i >= 0; i--) {
    const { path, entry, envId, strategyId } = planned[i]!;
    let start: number;
    if (entry.startedMinutesAgo !== undefined) {
      const ago = entry.startedMinutesAgo;
      if (typeof ago !== 'number' || !Number.isFinite(ago) || ago < 0) {
        r.fail(`${path}.startedMinutesAgo`, 'must be a number ≥ 0.');
      }
      start = now - ago * MINUTE;
    } else {
      // One deployment at a time per environment, so defaults are stacked back from the next one.
      const s = requireStrategy(store, strategyId);
      const emulatedMinutes = s.DeploymentDurationInMinutes + s.FinalBakeTimeInMinutes;
      start = (next.get(envId) ?? now) - (emulatedMinutes * MINUTE) / store.timeScale - MINUTE;
    }
    next.set(envId, start);
    starts[i] = new Date(start);
  }
  return starts;
}

function seedDeployments(
  r: Reader,
  store: Store,
  appId: string,
  path: string,
  list: unknown,
  refs: { envs: Names; profiles: Names; strategies: Names },
): void {
  const planned = r.list(path, list).map((item, j): PlannedDeployment => {
    const p = `${path}[${j}]`;
    const entry = r.object(p, item, {
      required: ['environment', 'profile', 'version'],
      optional: ['strategy', 'description', 'startedMinutesAgo'],
    });
    const envName = String(entry.environment);
    const envId =
      refs.envs.get(envName) ??
      r.fail(`${p}.environment`, `no environment named '${envName}' in this application.`);
    const profileName = String(entry.profile);
    const profileId =
      refs.profiles.get(profileName) ??
      r.fail(`${p}.profile`, `no profile named '${profileName}' in this application.`);
    if (typeof entry.version !== 'string' && !Number.isInteger(entry.version)) {
      r.fail(`${p}.version`, 'must be a version label (string) or a version number.');
    }
    // AllAtOnce by default: a seed usually wants its configuration fully deployed at startup.
    const strategy = r.string(`${p}.strategy`, entry.strategy) ?? 'AppConfig.AllAtOnce';
    const predefined = PREDEFINED_STRATEGIES.some((s) => s.Id === strategy) ? strategy : undefined;
    const strategyId =
      refs.strategies.get(strategy) ??
      predefined ??
      r.fail(
        `${p}.strategy`,
        `'${strategy}' is neither a predefined AppConfig.* strategy nor in deploymentStrategies.`,
      );
    return { path: p, entry, envId, profileId, strategyId };
  });
  const starts = startTimes(r, store, planned);
  planned.forEach(({ path: p, entry, envId, profileId, strategyId }, j) => {
    const body = {
      DeploymentStrategyId: strategyId,
      ConfigurationProfileId: profileId,
      ConfigurationVersion: String(entry.version),
      Description: entry.description,
    };
    r.apply(p, () => startDeployment(store, appId, envId, body, starts[j]));
  });
}

function seedApplication(r: Reader, store: Store, path: string, a: Json, strategies: Names): void {
  const app = r.apply(path, () =>
    createApplication(store, { Name: a.name, Description: a.description }),
  );
  const envs = seedEnvironments(r, store, app.Id, `${path}.environments`, a.environments);
  const profiles = seedProfiles(r, store, app.Id, `${path}.profiles`, a.profiles);
  seedDeployments(r, store, app.Id, `${path}.deployments`, a.deployments, {
    envs,
    profiles,
    strategies,
  });
}

/** Applies a parsed seed document; `source` names it in error messages (normally the file path). */
export function applySeed(store: Store, document: unknown, source: string): void {
  const r = new Reader(source);
  const root = r.object('$', document, {
    optional: ['applications', 'deploymentStrategies', '$comment'],
  });
  // Strategies first: deployments of any application may use them by name.
  const strategies = seedStrategies(
    r,
    store,
    r.list('$.deploymentStrategies', root.deploymentStrategies),
  );
  const seen = new Map<string, string>();
  r.list('$.applications', root.applications).forEach((item, i) => {
    const path = `$.applications[${i}]`;
    const a = r.object(path, item, {
      required: ['name'],
      optional: ['description', 'environments', 'profiles', 'deployments'],
    });
    seen.set(r.uniqueName(path, a, seen, 'application'), path);
    seedApplication(r, store, path, a, strategies);
  });
}

export async function loadSeed(
  context: EmulatorContext,
  seed: EmulatorOptions['seed'],
): Promise<void> {
  if (seed === 'none') return;
  const file = seed === 'demo' ? DEMO_SEED : seed.file;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new SeedError(`${file}: cannot read the seed file: ${(e as Error).message}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (e) {
    throw new SeedError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  applySeed(context.store, document, file);
}
