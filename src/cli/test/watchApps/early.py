# A boto3 app for watchBoto3.test.ts that polls too early: its session asks for a 15 s minimum interval, then it
# polls again at once with the next token. AWS refuses that poll ("Request too early"); the app logs the
# error and carries on, exiting 0, so only watch's report can fail the run.
import sys
import boto3
from botocore.exceptions import ClientError

c = boto3.client("appconfigdata")
token = c.start_configuration_session(ApplicationIdentifier="demo-app", EnvironmentIdentifier="prod",
    ConfigurationProfileIdentifier="app-config", RequiredMinimumPollIntervalInSeconds=15)["InitialConfigurationToken"]
answer = c.get_latest_configuration(ConfigurationToken=token)
try:
    c.get_latest_configuration(ConfigurationToken=answer["NextPollConfigurationToken"])
except ClientError as e:
    print("poll failed:", e.response["Error"]["Message"], file=sys.stderr)
