// An app for watchSignals.test.ts that starts a session, polls once, says "polled <pid>" on stdout and then
// waits (at most 30 s) until it is stopped: the test sends watch SIGTERM meanwhile.
import {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';

const client = new AppConfigDataClient({});
const { InitialConfigurationToken } = await client.send(
  new StartConfigurationSessionCommand({
    ApplicationIdentifier: 'demo-app',
    EnvironmentIdentifier: 'prod',
    ConfigurationProfileIdentifier: 'app-config',
  }),
);
await client.send(
  new GetLatestConfigurationCommand({ ConfigurationToken: InitialConfigurationToken }),
);
process.stdout.write(`polled ${process.pid}\n`);
setTimeout(() => process.exit(0), 30_000);
