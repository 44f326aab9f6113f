"""Drives the emulator's data plane with real boto3, for realClients.test.ts.

Usage: python3 boto3Session.py ENDPOINT SCENARIO, where SCENARIO is `polls` (start a session and poll twice)
or `too-early` (a session with RequiredMinimumPollIntervalInSeconds=15 polled twice back to back).
Prints one JSON object on stdout; the TypeScript test makes every assertion, so this script only reports.
Credentials and region come from the environment the test sets.
"""
import base64
import json
import sys

import boto3
import botocore
from botocore.exceptions import ClientError


def describe(response):
    """A poll's members, with the streaming body read once and sent as base64 (it may be any bytes)."""
    body = response["Configuration"].read()
    return {
        "status": response["ResponseMetadata"]["HTTPStatusCode"],
        "bodyBase64": base64.b64encode(body).decode("ascii"),
        "nextToken": response.get("NextPollConfigurationToken"),
        # type() is reported because botocore must turn the header into an int, not leave a string.
        "interval": response.get("NextPollIntervalInSeconds"),
        "intervalType": type(response.get("NextPollIntervalInSeconds")).__name__,
        "contentType": response.get("ContentType"),
        "versionLabel": response.get("VersionLabel"),
    }


def main(endpoint, scenario):
    client = boto3.client("appconfigdata", endpoint_url=endpoint)
    output_members = client.meta.service_model.operation_model("GetLatestConfiguration").output_shape.members
    result = {
        "boto3": boto3.__version__,
        "botocore": botocore.__version__,
        # Older botocore models (before VersionLabel was added to the API) cannot surface the header at all.
        "modelHasVersionLabel": "VersionLabel" in output_members,
    }
    session = {
        "ApplicationIdentifier": "demo-app",
        "EnvironmentIdentifier": "dev",
        "ConfigurationProfileIdentifier": "app-config",
    }
    if scenario == "too-early":
        session["RequiredMinimumPollIntervalInSeconds"] = 15
    token = client.start_configuration_session(**session)["InitialConfigurationToken"]
    first = describe(client.get_latest_configuration(ConfigurationToken=token))
    result["polls"] = [first]
    try:
        result["polls"].append(describe(client.get_latest_configuration(ConfigurationToken=first["nextToken"])))
    except ClientError as e:
        response = {k: v for k, v in e.response.items() if k != "ResponseMetadata"}
        response["HTTPStatusCode"] = e.response["ResponseMetadata"]["HTTPStatusCode"]
        result["error"] = {"className": type(e).__name__, "isClientError": True, "response": response}
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[2] not in ("polls", "too-early"):
        sys.exit("usage: boto3Session.py ENDPOINT polls|too-early")
    main(sys.argv[1], sys.argv[2])
