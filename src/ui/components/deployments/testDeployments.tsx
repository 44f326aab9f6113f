// Test support for the Deployments view's DOM tests: a small stateful stand-in for the service's deployment
// methods (answered through the real request validation of testSupport.tsx), a stand-in for the lazily
// loaded Monaco editors (Monaco takes ~10 s to load in happy-dom; Playwright covers the real one), and
// helpers to drive <select> and <textarea>. Imported by *.test.tsx in this folder only.
import { act } from 'react';
import {
  PROTOCOL_VERSION,
  ProtocolError,
  type DeploymentDetail,
  type DeploymentStrategyInfo,
  type HostedVersionSummary,
} from '../../../protocol/messages.js';
import { bytesToBase64 } from '../views/testRender.js';
import type { Handlers } from '../../testSupport.js';
import type { CodeEditorProps } from './CodeEditor.js';

/** What CodeEditor.js is replaced with: a textarea carrying the same value, language and problem line. */
export function StandInEditor({
  value,
  language,
  ariaLabel,
  onChange,
  readOnly,
  problem,
}: CodeEditorProps) {
  return (
    <textarea
      aria-label={ariaLabel}
      data-language={language}
      data-problem-line={problem?.line}
      value={value}
      readOnly={readOnly}
      onChange={(e) => onChange?.(e.target.value)}
    />
  );
}

export const STRATEGIES: DeploymentStrategyInfo[] = [
  {
    id: 'AppConfig.Linear50PercentEvery30Seconds',
    name: 'AppConfig.Linear50PercentEvery30Seconds',
    growthType: 'LINEAR',
    growthFactor: 50,
    deploymentDurationInMinutes: 1,
    finalBakeTimeInMinutes: 1,
    predefined: true,
  },
  {
    id: 'own1',
    name: 'Slow',
    growthType: 'EXPONENTIAL',
    growthFactor: 10,
    deploymentDurationInMinutes: 60,
    finalBakeTimeInMinutes: 30,
    predefined: false,
  },
];

const blob = (text: string, contentType: string) => {
  const bytes = new TextEncoder().encode(text);
  return {
    contentHash: `h-${text.length}-${text}`,
    contentType,
    size: bytes.length,
    base64: bytesToBase64(bytes),
  };
};

/** One application `app1` with environment `env1` and profile `prof1`, two versions and one deployment. */
export function fakeAppConfig() {
  const versions: (HostedVersionSummary & { text: string })[] = [
    { versionNumber: 2, versionLabel: 'v2', contentType: 'application/json', text: '{"a":2}' },
    { versionNumber: 1, versionLabel: 'v1', contentType: 'application/json', text: '{"a":1}' },
  ];
  const strategies = [...STRATEGIES];
  const deployments: DeploymentDetail[] = [
    {
      deploymentNumber: 1,
      applicationId: 'app1',
      environmentId: 'env1',
      configurationProfileId: 'prof1',
      configurationName: 'prof1',
      configurationVersion: '1',
      versionLabel: 'v1',
      state: 'COMPLETE',
      percentageComplete: 100,
      eventLog: [{ eventType: 'DEPLOYMENT_COMPLETED', occurredAt: 0 }],
    },
  ];
  let conflict: string | undefined;
  const find = (n: number) => {
    const d = deployments.find((x) => x.deploymentNumber === n);
    if (!d) throw new ProtocolError('notFound', `No deployment ${n}.`);
    return d;
  };
  const handlers: Handlers = {
    hello: () => ({
      protocolVersion: PROTOCOL_VERSION,
      backend: { kind: 'emulator', region: 'us-east-1', canListResources: true },
    }),
    listResources: (q) =>
      q.kind === 'applications'
        ? [{ id: 'app1', name: 'shop' }]
        : q.kind === 'environments'
          ? [{ id: 'env1', name: 'prod' }]
          : [{ id: 'prof1', name: 'flags' }],
    listHostedVersions: () => versions.map(({ text: _t, ...v }) => v),
    getHostedVersion: ({ versionNumber }) => {
      const v = versions.find((x) => x.versionNumber === versionNumber)!;
      const { text, ...summary } = v;
      return { ...summary, content: blob(text, v.contentType!) };
    },
    createHostedVersion: (p) => {
      const v = {
        versionNumber: versions.length + 1,
        contentType: 'application/json',
        text: p.content,
        ...(p.versionLabel ? { versionLabel: p.versionLabel } : {}),
      };
      versions.unshift(v);
      const { text: _t, ...summary } = v;
      return summary;
    },
    listDeploymentStrategies: () => strategies,
    createDeploymentStrategy: (p) => {
      const s = { ...p, id: `own${strategies.length}`, predefined: false };
      strategies.push(s);
      return s;
    },
    startDeployment: (p) => {
      if (conflict) throw new ProtocolError('conflict', conflict);
      const d: DeploymentDetail = {
        deploymentNumber: deployments.length + 1,
        applicationId: p.applicationId,
        environmentId: p.environmentId,
        configurationProfileId: p.configurationProfileId,
        configurationName: 'prof1',
        configurationVersion: String(p.versionNumber),
        deploymentStrategyId: p.deploymentStrategyId,
        state: 'DEPLOYING',
        percentageComplete: 0,
        eventLog: [{ eventType: 'DEPLOYMENT_STARTED', triggeredBy: 'USER', occurredAt: 0 }],
        nextStepAt: Date.now() + 65_000,
        nextStepPercent: 50,
        bakeEndsAt: Date.now() + 3_600_000,
      };
      deployments.unshift(d);
      return structuredClone(d);
    },
    listDeployments: () => deployments.map(({ eventLog: _e, ...d }) => d),
    // Copies, as a real transport delivers: the tests change the fake's objects in place.
    getDeployment: ({ deploymentNumber }) => structuredClone(find(deploymentNumber)),
    stopDeployment: ({ deploymentNumber }) => {
      const d = find(deploymentNumber);
      Object.assign(d, { state: 'ROLLED_BACK', nextStepAt: undefined, bakeEndsAt: undefined });
      return structuredClone(d);
    },
    revertDeployment: ({ deploymentNumber }) =>
      structuredClone(Object.assign(find(deploymentNumber), { state: 'REVERTED' })),
  };
  return {
    handlers,
    versions,
    deployments,
    refuseWith: (message: string) => {
      conflict = message;
    },
  };
}

export function selectByLabel(container: HTMLElement, label: string): HTMLSelectElement {
  const l = [...container.querySelectorAll('label')].find((x) => x.textContent === label);
  const control = l?.htmlFor ? container.querySelector(`#${CSS.escape(l.htmlFor)}`) : null;
  if (!(control instanceof HTMLSelectElement)) throw new Error(`No select labelled "${label}".`);
  return control;
}

export async function choose(select: HTMLSelectElement, value: string): Promise<void> {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export async function typeText(area: HTMLTextAreaElement, value: string): Promise<void> {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(area, value);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export const editorNamed = (container: HTMLElement, name: string) => {
  const area = container.querySelector<HTMLTextAreaElement>(`textarea[aria-label="${name}"]`);
  if (!area) throw new Error(`No editor "${name}".`);
  return area;
};
