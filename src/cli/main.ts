// The `appconfig-inspector` command: dispatches subcommands and turns usage errors into clear messages.
import { emulatorCommand, emulatorHelp } from './emulatorCommand.js';
import { UsageError } from './args.js';
import { serveCommand, serveHelp } from './serveCommand.js';
import { watchCommand, watchHelp } from './watchCommand.js';

const help = `Usage: appconfig-inspector <command> [flags]

Commands:
  serve      run the inspector (and the embedded emulator) and open it (see: serve --help)
  emulator   run the AWS-faithful AppConfig emulator (see: appconfig-inspector emulator --help)
  watch      run a command against a private emulator and report its token handling, for CI
             (see: watch --help)
  help       show this help

Run "appconfig-inspector <command> --help" for the flags of a command.
`;

/** `early`: signals that arrived while the program loaded (bin/appconfig-inspector.js keeps them). */
const commands: Record<
  string,
  (argv: string[], early: readonly NodeJS.Signals[]) => Promise<number>
> = {
  serve: serveCommand,
  emulator: emulatorCommand,
  watch: watchCommand,
};

/** Exit statuses of a process ended by these signals, as a shell reports them. */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

export async function main(argv: string[], early: readonly NodeJS.Signals[] = []): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${help}\n${serveHelp}\n${emulatorHelp}\n${watchHelp}`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`appconfig-inspector: unknown command "${name}".\n\n${help}`);
    return 2;
  }
  // Asked to stop before anything started: only watch has something to say (its report); the others stop.
  if (early[0] !== undefined && name !== 'watch') return SIGNAL_EXIT[early[0]] ?? 1;
  try {
    return await command(rest, early);
  } catch (e) {
    if (e instanceof Error && e.name === 'SeedError') {
      // The message already names the file and JSON path; a stack trace would only bury it.
      process.stderr.write(`appconfig-inspector ${name}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(
        `appconfig-inspector ${name}: ${e.message}\nRun "appconfig-inspector ${name} --help".\n`,
      );
      return 2;
    }
    throw e;
  }
}
