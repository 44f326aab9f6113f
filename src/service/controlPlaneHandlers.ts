// The protocol methods that are control-plane calls on the current backend (pickers, hosted versions,
// strategies, deployments) plus the local AWS profile list: none touches a session. Split from
// inspectorService.ts so the engine file keeps to sessions and fleets. Imported by inspectorService.ts only.
import type { Method, Params, Result } from '../protocol/messages.js';
import type { Backend } from './backend.js';
import type { Clock } from './clock.js';
import type { ContentRepo } from './contentRepo.js';
import { listAwsProfiles } from './awsProfiles.js';
import * as deployments from './deployments.js';
import * as hosted from './hostedVersions.js';
import { listResources } from './resources.js';

type ControlMethod = Extract<
  Method,
  | 'listResources'
  | 'listHostedVersions'
  | 'getHostedVersion'
  | 'createHostedVersion'
  | 'listDeploymentStrategies'
  | 'createDeploymentStrategy'
  | 'startDeployment'
  | 'listDeployments'
  | 'getDeployment'
  | 'stopDeployment'
  | 'revertDeployment'
  | 'listAwsProfiles'
>;

export type ControlHandlers = {
  [M in ControlMethod]: (params: Params<M>) => Promise<Result<M>> | Result<M>;
};

interface ControlDeps {
  backend: Backend;
  clock: Clock;
  contents: ContentRepo;
  readOnly: boolean;
}

/** `deps` is read at each call: the handler table is built before the service's constructor has run. */
export function controlPlaneHandlers(deps: () => ControlDeps): ControlHandlers {
  const backend = () => deps().backend;
  const now = () => deps().clock.now();
  return {
    listResources: (query) => listResources(backend(), query),
    listHostedVersions: (ref) => hosted.listHostedVersions(backend(), ref),
    getHostedVersion: async (ref) => {
      const version = await hosted.getHostedVersion(backend(), ref);
      // Stored like polled content, so getContent (a diff, a page reconnecting) finds it by its hash.
      const { base64, contentType } = version.content;
      if (!deps().readOnly) deps().contents.put(Buffer.from(base64, 'base64'), contentType);
      return version;
    },
    createHostedVersion: (params) => hosted.createHostedVersion(backend(), params),
    listDeploymentStrategies: () => deployments.listStrategies(backend()),
    createDeploymentStrategy: (params) => deployments.createStrategy(backend(), params),
    startDeployment: (p) => deployments.startDeployment(backend(), p, now()),
    listDeployments: (ref) => deployments.listDeployments(backend(), ref),
    getDeployment: (ref) => deployments.getDeployment(backend(), ref, now()),
    stopDeployment: (ref) => deployments.stopDeployment(backend(), ref, now()),
    revertDeployment: (ref) => deployments.revertDeployment(backend(), ref, now()),
    listAwsProfiles: () => listAwsProfiles(),
  };
}
