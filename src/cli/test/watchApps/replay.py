# A boto3 app for watchBoto3.test.ts that replays a token: it polls twice with the initial token instead of the
# NextPollConfigurationToken the first answer returned (AWS answers it; the token was single-use).
import boto3

c = boto3.client("appconfigdata")
token = c.start_configuration_session(ApplicationIdentifier="demo-app", EnvironmentIdentifier="prod",
    ConfigurationProfileIdentifier="app-config")["InitialConfigurationToken"]
for _ in range(2):
    answer = c.get_latest_configuration(ConfigurationToken=token)
    print(answer.get("VersionLabel"), len(answer["Configuration"].read()))
