// Watch's exit decision: CMD's own status unless a finding fails the run, and the one-sentence reason the text
// report ends with. Imported by core/watchReportBuild.ts; pure core. The codes are documented in
// docs/watch-report.md ("Exit status").
import type { WatchFinding, WatchInput, WatchOutcome } from './watchReportTypes.js';

/** Linux signal numbers (core cannot ask node:os); a shell reports death by signal N as 128 + N. */
const SIGNALS: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
  SIGBUS: 7,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGXCPU: 24,
  SIGXFSZ: 25,
};

/** The status watch takes over from CMD, and how to say where it came from. */
export function commandStatus(input: Pick<WatchInput, 'exit' | 'interrupted'>): {
  code: number;
  how: string;
} {
  const { interrupted, exit } = input;
  if (interrupted !== undefined) {
    const n = SIGNALS[interrupted];
    return {
      code: n === undefined ? 1 : 128 + n,
      how: `watch was interrupted by ${interrupted}`,
    };
  }
  if (exit.code !== null) return { code: exit.code, how: `CMD exited with status ${exit.code}` };
  if (exit.signal !== null) {
    const n = SIGNALS[exit.signal];
    // An unknown name has no number to add to 128; 1 still reads as a failure.
    return { code: n === undefined ? 1 : 128 + n, how: `CMD was killed by ${exit.signal}` };
  }
  return { code: 1, how: 'CMD ended without a status' };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function watchOutcome(
  input: WatchInput,
  sessionCount: number,
  findings: readonly WatchFinding[],
): WatchOutcome {
  const cmd = commandStatus(input);
  const failing = findings.filter((f) => f.failing);
  const gate = `--fail-on ${input.failOn}`;
  // The failure status is 1 when CMD succeeded, and CMD's own non-zero status otherwise: a crash or a test
  // failure of CMD stays visible in its code, and a script can still tell "only watch objected" (1).
  const exitCode = failing.length > 0 && cmd.code === 0 ? 1 : cmd.code;
  const cmdPart = cmd.code === 0 ? '' : `${cmd.how}; `;
  const own = exitCode === cmd.code ? " (CMD's status)" : '';
  let verdict: string;
  if (failing.length > 0) {
    const errors = failing.filter((f) => f.severity === 'error').length;
    const others = failing.length - errors;
    const counted = [
      errors ? plural(errors, 'error') : '',
      others ? plural(others, 'warning') : '',
    ].filter(Boolean);
    const rules = [...new Set(failing.map((f) => f.rule))].join(', ');
    verdict = `${counted.join(' and ')} (${rules}) at or above ${gate}`;
  } else if (sessionCount === 0) {
    verdict = 'CMD made no AppConfig session';
  } else {
    verdict = `no finding at or above ${gate}`;
  }
  return {
    status: exitCode === 0 ? 'pass' : 'fail',
    exitCode,
    reason: `${cmdPart}${verdict}; exit ${exitCode}${own}`,
  };
}
