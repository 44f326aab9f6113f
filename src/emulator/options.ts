// Emulator settings (CLI flags map 1:1 onto these) and their defaults.
import type { EmulatorClock } from './store.js';

export interface EmulatorOptions {
  /** Interface to bind; loopback unless the user asks otherwise. */
  host: string;
  /** 0 picks an ephemeral port. */
  port: number;
  /** Configuration tokens expire this long after they were issued (AWS: 24 h). */
  tokenTtlSeconds: number;
  /** Deployment progress and bake time run this many times faster; poll intervals and token lifetimes stay literal. */
  timeScale: number;
  /** Reject replayed (already spent, unexpired) tokens instead of answering them as AWS does. */
  strictTokens: boolean;
  /** Also refuse polls earlier than the default 60 s when the session set no minimum (disputed AWS behaviour). */
  enforceDefaultInterval: boolean;
  /** 'demo' loads the built-in demo application; 'none' starts empty; otherwise a seed file path. */
  seed: 'demo' | 'none' | { file: string };
  /** Most observation records kept (sessions + polls); the oldest are evicted first. */
  observationLimit: number;
  /** Host names besides loopback (and the bound address) it answers to, on any port; see access.ts. */
  allowedHosts: string[];
  /** Browser origins allowed to call it (CORS); none by default, and `*` is refused. */
  corsOrigins: string[];
  /** Fault specs in force from start-up (grammar in faults.ts; more can be added at `/__emulator/faults`). */
  faults: string[];
  clock?: EmulatorClock;
}

export const defaultEmulatorOptions: EmulatorOptions = {
  host: '127.0.0.1',
  port: 4567,
  tokenTtlSeconds: 86_400,
  timeScale: 1,
  strictTokens: false,
  enforceDefaultInterval: false,
  seed: 'demo',
  observationLimit: 10_000,
  faults: [],
  allowedHosts: [],
  corsOrigins: [],
};
