// STUB (to be replaced by the control-plane work): demo seed and user seed files.
import type { EmulatorContext } from './index.js';
import type { EmulatorOptions } from './options.js';

export async function loadSeed(context: EmulatorContext, seed: EmulatorOptions['seed']): Promise<void> {
  void context;
  void seed;
}
