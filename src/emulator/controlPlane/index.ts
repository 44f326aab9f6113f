// STUB (to be replaced by the control-plane work).
import type { EmulatorContext } from '../index.js';
import type { Route } from '../router.js';

export function controlPlaneRoutes(context: EmulatorContext): Route[] {
  void context;
  return [];
}
