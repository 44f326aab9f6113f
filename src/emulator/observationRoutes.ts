// STUB (to be replaced by the data-plane work): the reserved /__emulator/ routes.
import type { EmulatorContext } from './index.js';
import type { Route } from './router.js';

export function observationRoutes(context: EmulatorContext): Route[] {
  void context;
  return [];
}
