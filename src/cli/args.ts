// Small, strict flag parsing for the CLI: every value is checked and a bad one is named precisely.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

export function parseFlags<T extends FlagSpec>(argv: string[], options: T) {
  try {
    return parseArgs({
      args: argv,
      options,
      strict: true as const,
      allowPositionals: false as const,
    }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function intFlag(name: string, raw: unknown, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw);
  if (!/^-?\d+$/.test(text))
    throw new UsageError(`--${name} must be a whole number, got "${text}".`);
  const n = Number(text);
  if (n < min || n > max)
    throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}.`);
  return n;
}

export function numberFlag(
  name: string,
  raw: unknown,
  min: number,
  max: number,
): number | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw);
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`--${name} must be a number, got "${text}".`);
  if (n < min || n > max)
    throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}.`);
  return n;
}

/** Resolves when the process is asked to stop (Ctrl-C or a service manager). */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals) => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve(signal);
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
