// STUB (to be replaced by the data-plane work).
import type { EmulatorContext } from './index.js';
import type { Route } from './router.js';

export function dataPlaneRoutes(context: EmulatorContext): Route[] {
  void context;
  return [];
}
