// AWS operation names of the emulated routes, so fault specs can say `GetLatestConfiguration` rather than a path.
// Keyed by method + route pattern as the route files declare them; used by faults.ts and faultEffects.ts.
// Imports nothing (the emulator shares no code with the inspector).

const DEPLOYMENTS = '/applications/:ApplicationId/environments/:EnvironmentId/deployments';
const VERSIONS =
  '/applications/:ApplicationId/configurationprofiles/:ConfigurationProfileId/hostedconfigurationversions';

/** `METHOD /pattern` → the operation's name in the AWS model (appconfigdata 2021-11-11, appconfig 2019-10-09, sts, sso). */
const BY_ROUTE: Record<string, string> = {
  'POST /configurationsessions': 'StartConfigurationSession',
  'GET /configuration': 'GetLatestConfiguration',
  'POST /applications': 'CreateApplication',
  'GET /applications': 'ListApplications',
  'GET /applications/:ApplicationId': 'GetApplication',
  'POST /applications/:ApplicationId/environments': 'CreateEnvironment',
  'GET /applications/:ApplicationId/environments': 'ListEnvironments',
  'GET /applications/:ApplicationId/environments/:EnvironmentId': 'GetEnvironment',
  'POST /applications/:ApplicationId/configurationprofiles': 'CreateConfigurationProfile',
  'GET /applications/:ApplicationId/configurationprofiles': 'ListConfigurationProfiles',
  'GET /applications/:ApplicationId/configurationprofiles/:ConfigurationProfileId':
    'GetConfigurationProfile',
  [`POST ${VERSIONS}`]: 'CreateHostedConfigurationVersion',
  [`GET ${VERSIONS}`]: 'ListHostedConfigurationVersions',
  [`GET ${VERSIONS}/:VersionNumber`]: 'GetHostedConfigurationVersion',
  [`DELETE ${VERSIONS}/:VersionNumber`]: 'DeleteHostedConfigurationVersion',
  [`POST ${DEPLOYMENTS}`]: 'StartDeployment',
  [`GET ${DEPLOYMENTS}`]: 'ListDeployments',
  [`GET ${DEPLOYMENTS}/:DeploymentNumber`]: 'GetDeployment',
  [`DELETE ${DEPLOYMENTS}/:DeploymentNumber`]: 'StopDeployment',
  'POST /deploymentstrategies': 'CreateDeploymentStrategy',
  'GET /deploymentstrategies': 'ListDeploymentStrategies',
  'GET /deploymentstrategies/:DeploymentStrategyId': 'GetDeploymentStrategy',
  // STS (sts 2011-06-15, query protocol): every action posts to the root; sts.ts serves only this one.
  'POST /': 'GetCallerIdentity',
  // The SSO portal (sso 2019-06-10, restJson1), served by sso.ts for SSO profiles.
  'GET /federation/credentials': 'GetRoleCredentials',
};

/** Every operation a fault spec may name, data plane first. */
export const OPERATION_NAMES: readonly string[] = Object.values(BY_ROUTE);

/**
 * The operation a route serves. Throws for an unnamed one, so a route added without an entry here fails at
 * emulator start-up (every test) instead of silently escaping fault injection.
 */
export function operationOf(method: string, segments: readonly string[]): string {
  const key = `${method} /${segments.join('/')}`;
  const name = BY_ROUTE[key];
  if (name === undefined) throw new Error(`operations.ts: no AWS operation name for route ${key}`);
  return name;
}
