// The emulated subset of the AppConfig control plane (API 2019-10-09, rest-json): applications,
// environments, configuration profiles, hosted configuration versions, deployment strategies and deployments.
// Who may import: the emulator's index.ts (routes) and seed.ts (the create operations).
// Must not import anything outside src/emulator.
import type { EmulatorContext } from '../index.js';
import type { Route } from '../router.js';
import { applicationRoutes } from './applications.js';
import { deploymentRoutes } from './deployments.js';
import { environmentRoutes } from './environments.js';
import { hostedVersionRoutes } from './hostedVersions.js';
import { profileRoutes } from './profiles.js';
import { strategyRoutes } from './strategies.js';

export function controlPlaneRoutes(context: EmulatorContext): Route[] {
  return [
    ...applicationRoutes(context),
    ...environmentRoutes(context),
    ...profileRoutes(context),
    ...hostedVersionRoutes(context),
    ...strategyRoutes(context),
    ...deploymentRoutes(context),
  ];
}
