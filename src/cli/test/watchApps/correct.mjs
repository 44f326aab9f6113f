// A correct app for watch.test.ts: one session per profile, each token used once, the next poll scheduled
// at the interval AWS returned. It stops after WATCH_APP_RUN_MS (default 300), before that interval, as a
// short job does. Prints what it received on stdout, which watch must pass through unchanged.
// WATCH_APP_MIN_INTERVAL sets RequiredMinimumPollIntervalInSeconds (AWS's floor is 15 s), so a test can have it
// poll again and pick a deployment up; WATCH_APP_PROFILES (comma-separated) names the profiles it follows.
import {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';

// No endpoint or credentials here: the SDK reads what `watch` put in the environment.
const client = new AppConfigDataClient({});
const timers = [];

async function follow(profile) {
  const started = await client.send(
    new StartConfigurationSessionCommand({
      ApplicationIdentifier: 'demo-app',
      EnvironmentIdentifier: 'prod',
      ConfigurationProfileIdentifier: profile,
      RequiredMinimumPollIntervalInSeconds: process.env.WATCH_APP_MIN_INTERVAL
        ? Number(process.env.WATCH_APP_MIN_INTERVAL)
        : undefined,
    }),
  );
  let token = started.InitialConfigurationToken;
  const poll = async () => {
    const answer = await client.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: token }),
    );
    token = answer.NextPollConfigurationToken;
    const body = new TextDecoder().decode(answer.Configuration);
    if (body !== '') process.stdout.write(`${profile} ${answer.VersionLabel}: ${body.trim()}\n`);
    timers.push(setTimeout(poll, answer.NextPollIntervalInSeconds * 1000));
  };
  await poll();
}

const profiles = (process.env.WATCH_APP_PROFILES ?? 'app-config,motd').split(',');
await Promise.all(profiles.map(follow));
setTimeout(
  () => {
    for (const timer of timers) clearTimeout(timer);
  },
  Number(process.env.WATCH_APP_RUN_MS ?? 300),
);
