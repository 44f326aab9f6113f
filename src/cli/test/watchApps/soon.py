# A boto3 app for watchBoto3.test.ts that polls sooner than the interval AWS returned (60 s) when its session set
# no minimum: AWS answers, so this is advisory (a warning), not a refused call. Chains its tokens correctly.
import time
import boto3

c = boto3.client("appconfigdata")
token = c.start_configuration_session(ApplicationIdentifier="demo-app", EnvironmentIdentifier="prod",
    ConfigurationProfileIdentifier="app-config")["InitialConfigurationToken"]
for _ in range(2):
    answer = c.get_latest_configuration(ConfigurationToken=token)
    token = answer["NextPollConfigurationToken"]
    time.sleep(0.2)
