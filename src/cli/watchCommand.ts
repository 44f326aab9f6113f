// `appconfig-inspector watch [flags] -- CMD [ARGS...]`: runs CMD against a private emulator, collects the
// sessions it makes, and prints and writes core's watch report; exits as the report decides. Composition
// only: flags (watchArgs.ts), CMD's environment (watchEnv.ts), the child (watchChild.ts), the sessions
// (watchCollect.ts), --deploy (watchDeploy.ts), the report (core/watchReport.ts). Imported by main.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  buildWatchReport,
  renderWatchJUnit,
  renderWatchText,
  shellLine,
  type WatchReport,
} from '../core/watchReport.js';
import { startEmulator } from '../emulator/index.js';
import { parseWatchArgs, watchHelp, type WatchOptions } from './watchArgs.js';
import { WatchedChild } from './watchChild.js';
import { WatchCollector } from './watchCollect.js';
import { controlPlaneClient, DeploySchedule, resolveDeploy } from './watchDeploy.js';
import { childEnvironment } from './watchEnv.js';

export { watchHelp };

const log = (line: string) => process.stderr.write(`watch: ${line}\n`);

const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** `early`: signals that arrived while the program loaded; the first counts as an interrupt before CMD. */
export async function watchCommand(
  argv: string[],
  early: readonly NodeJS.Signals[] = [],
): Promise<number> {
  const options = parseWatchArgs(argv);
  if (options.help) {
    process.stdout.write(watchHelp);
    return 0;
  }
  // Listening before anything starts, so a signal during start-up still stops everything cleanly.
  let interrupted: NodeJS.Signals | undefined = early[0];
  let child: WatchedChild | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted === undefined) {
      interrupted = signal;
      if (child) log(`${signal}: stopping ${options.command[0]} (send it again to kill it now).`);
      child?.stop(signal);
    } else {
      log(`${signal} again: killing ${options.command[0]}.`);
      child?.kill();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const emulator = await startEmulator(options.emulator);
    try {
      const collector = new WatchCollector(emulator);
      try {
        const controlPlane = controlPlaneClient(emulator.url);
        const deploys = [];
        for (const spec of options.deploys) deploys.push(await resolveDeploy(controlPlane, spec));
        if (interrupted !== undefined) {
          log(`${interrupted} before ${options.command[0]} started: nothing was run.`);
          // CI still gets its files: an empty report that says the run was interrupted.
          const now = Date.now();
          const report = buildWatchReport({
            command: options.command,
            exit: { code: null, signal: null },
            interrupted,
            startedAt: now,
            endedAt: now,
            sessions: [],
            deployments: [],
            failOn: options.failOn,
            allow: options.allow,
          });
          await writeOutputs(options, report, collector);
          process.stderr.write(renderWatchText(report));
          return SIGNAL_EXIT[interrupted] ?? report.outcome.exitCode;
        }
        const { env, warnings } = childEnvironment(process.env, emulator.url);
        for (const warning of warnings) log(warning);
        log(
          `running ${shellLine(options.command)} against a private AppConfig emulator at ${emulator.url}`,
        );
        const startedAt = Date.now();
        const schedule = new DeploySchedule(controlPlane, log);
        child = new WatchedChild(options.command, env, log);
        schedule.start(deploys);
        const exit = await child.exited;
        const endedAt = Date.now();
        if ((await child.reapLeftovers()) > 0)
          log(`stopped the processes ${options.command[0]} left running.`);
        const deployments = await schedule.finish();
        controlPlane.destroy();
        const settled = await collector.settle();
        if (!settled.settled)
          log(
            `only ${settled.folded} of the emulator's ${settled.made} observations were recorded in time; the report shows those.`,
          );
        const report = buildWatchReport({
          command: options.command,
          exit,
          ...(interrupted !== undefined ? { interrupted } : {}),
          startedAt,
          endedAt,
          sessions: await collector.sessions(endedAt),
          deployments,
          failOn: options.failOn,
          allow: options.allow,
        });
        const written = await writeOutputs(options, report, collector);
        process.stderr.write(renderWatchText(report));
        // CI reads the files: a passing run whose report could not be written must not look green.
        return written || report.outcome.exitCode !== 0 ? report.outcome.exitCode : 1;
      } finally {
        collector.close();
      }
    } finally {
      await emulator.close();
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Writes --report, --junit and --recording; false when one could not be written (said on stderr). */
async function writeOutputs(
  options: WatchOptions,
  report: WatchReport,
  collector: WatchCollector,
): Promise<boolean> {
  let ok = true;
  const write = (flag: string, file: string, text: string) => {
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      log(`${flag} written to ${file}`);
    } catch (e) {
      ok = false;
      log(`cannot write ${flag} ${file}: ${(e as Error).message}`);
    }
  };
  if (options.reportFile)
    write('--report', options.reportFile, `${JSON.stringify(report, null, 2)}\n`);
  if (options.junitFile) write('--junit', options.junitFile, renderWatchJUnit(report));
  if (options.recordingDir) {
    try {
      const files = await collector.writeRecordings(options.recordingDir, report.sessions);
      log(`--recording: ${files.length} session recording(s) written to ${options.recordingDir}`);
    } catch (e) {
      ok = false;
      log(`cannot write --recording ${options.recordingDir}: ${(e as Error).message}`);
    }
  }
  return ok;
}
