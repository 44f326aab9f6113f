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

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  serve: serveCommand,
  emulator: emulatorCommand,
  watch: watchCommand,
};

export async function main(argv: string[]): Promise<number> {
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
  try {
    return await command(rest);
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
