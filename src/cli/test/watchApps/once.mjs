// An app for watchDeploy.test.ts that reads its configuration once at start-up and never polls again while it keeps
// working for WATCH_APP_RUN_MS (default 2500), past the 15 s poll interval it asked for: a deployment made
// meanwhile never reaches it.
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
    RequiredMinimumPollIntervalInSeconds: 15,
  }),
);
const answer = await client.send(
  new GetLatestConfigurationCommand({ ConfigurationToken: InitialConfigurationToken }),
);
process.stdout.write(`loaded ${answer.VersionLabel}\n`);
await new Promise((resolve) => setTimeout(resolve, Number(process.env.WATCH_APP_RUN_MS ?? 2500)));
