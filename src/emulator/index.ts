// The embedded AWS AppConfig emulator: one HTTP port serving the AppConfig Data plane, a control-plane
// subset, STS GetCallerIdentity, the SSO portal's GetRoleCredentials, and a reserved `/__emulator/` prefix
// (AWS never uses it) for observations and health.
// Who may import: the CLI, tests, benches, and the inspector's launcher (as a separate service over HTTP).
// Must not import anything under src/ other than its own folder.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultEmulatorOptions, type EmulatorOptions } from './options.js';
import { Store, systemClock } from './store.js';
import { createRequestListener, type Route } from './router.js';
import { dataPlaneRoutes } from './dataPlane.js';
import { controlPlaneRoutes } from './controlPlane/index.js';
import { ObservationLog } from './observations.js';
import { observationRoutes } from './observationRoutes.js';
import { loadSeed } from './seed.js';
import { ServedContents } from './servedContents.js';
import { accessPolicy } from './access.js';
import { answerClientErrors, MAX_HEADER_BYTES } from './clientErrors.js';
import { newObserverSecret } from './observationAccess.js';
import { FaultInjector } from './faultEffects.js';
import { faultRoutes } from './faultRoutes.js';
import { asQueryProtocol, stsRoutes } from './sts.js';
import { asSsoErrors, ssoRoutes } from './sso.js';

export type { EmulatorOptions } from './options.js';

/** Everything a handler module needs; built once per emulator. */
export interface EmulatorContext {
  store: Store;
  options: EmulatorOptions;
  observations: ObservationLog;
  /** Bodies the data plane served, for observers to fetch by the hash in an observation record. */
  servedContents: ServedContents;
  /** Per-launch secret that unlocks full tokens in observation records (`X-Emulator-Secret`). */
  observerSecret: string;
  /** Injected faults in force (`--fault`, `/__emulator/faults`). */
  faults: FaultInjector;
}

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:4567 — use it as the SDK `endpoint`. */
  url: string;
  port: number;
  context: EmulatorContext;
  /** Send as `X-Emulator-Secret` to `/__emulator/observations*` to get full tokens instead of fingerprints. */
  observerSecret: string;
  close(): Promise<void>;
}

export async function startEmulator(
  overrides: Partial<EmulatorOptions> = {},
): Promise<RunningEmulator> {
  const options: EmulatorOptions = { ...defaultEmulatorOptions, ...overrides };
  // Checked before anything starts, so a bad --allow-host or --cors-origin never half-launches.
  const access = accessPolicy(options);
  const store = new Store(options.clock ?? systemClock, options.timeScale);
  const context: EmulatorContext = {
    store,
    options,
    observations: new ObservationLog(options.observationLimit, options.clock ?? systemClock),
    servedContents: new ServedContents(),
    observerSecret: newObserverSecret(),
    faults: new FaultInjector(options.clock ?? systemClock),
  };
  // A bad spec throws here, before anything listens.
  for (const spec of options.faults) context.faults.table.add(spec);
  await loadSeed(context, options.seed);
  const routes: Route[] = [
    ...observationRoutes(context),
    ...faultRoutes(context),
    ...context.faults.wrap([...dataPlaneRoutes(context), ...controlPlaneRoutes(context)]),
    // Outside the fault wrapper, so a faulted GetCallerIdentity is answered as STS answers errors too.
    ...asQueryProtocol(context.faults.wrap(stsRoutes())),
    // Likewise, so a faulted GetRoleCredentials carries the SSO model's error shape.
    ...asSsoErrors(context.faults.wrap(ssoRoutes(options.clock ?? systemClock))),
  ];
  const server: Server = createServer(
    { maxHeaderSize: MAX_HEADER_BYTES },
    createRequestListener(routes, access),
  );
  answerClientErrors(server);
  // Poll clients keep connections alive; don't let an idle one hold close() forever.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    context,
    observerSecret: context.observerSecret,
    close: () =>
      new Promise<void>((resolve) => {
        context.observations.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
