// The command-palette commands besides Open: Start Session (quick input for application, environment,
// profile and an optional minimum interval) and Import Recording (file picker). Both run on the service and
// reveal the panel. Imports vscode.
import * as vscode from 'vscode';
import type { ResourceItem, ResourceQuery } from '../../src/protocol/messages.js';
import { findResource, identifierProblem, parseInterval } from './promptRules.js';
import type { ServiceHost } from './serviceHost.js';

type Log = Record<'info' | 'warn' | 'error', (message: string) => void>;

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Listed resources when the backend can list them; undefined (free text only) when it cannot. */
async function listed(
  host: ServiceHost,
  query: ResourceQuery,
  log: Log,
): Promise<ResourceItem[] | undefined> {
  try {
    return await host.request('listResources', query);
  } catch (e) {
    log.warn(`Could not list ${query.kind}: ${describe(e)}; typing the identifier still works.`);
    return undefined;
  }
}

/** A quick pick of listed names that also takes any typed identifier (names or ids both work in AppConfig). */
function pickOrType(
  step: number,
  title: string,
  items: ResourceItem[] | undefined,
): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: string }>();
  pick.title = `Start session: ${title}`;
  pick.step = step;
  pick.totalSteps = 4;
  pick.ignoreFocusOut = true;
  pick.placeholder = items?.length
    ? `Choose or type the ${title.toLowerCase()} (name or id)`
    : `Type the ${title.toLowerCase()} (name or id)`;
  const options = (items ?? []).map((item) => ({
    label: item.name,
    description: item.id,
    value: item.name,
  }));
  const refresh = () => {
    const typed = pick.value.trim();
    const problem = typed ? identifierProblem(typed) : undefined;
    const known = findResource(items, typed) !== undefined;
    // QuickPick has no stable validation message, so a bad identifier shows its problem and cannot be accepted.
    const own = {
      label: typed,
      description: problem ?? 'use as typed',
      value: problem ? '' : typed,
      alwaysShow: true,
    };
    pick.items = typed && !known ? [own, ...options] : options;
  };
  refresh();
  return new Promise((resolve) => {
    pick.onDidChangeValue(refresh);
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ? pick.selectedItems[0].value : pick.value.trim();
      if (!chosen || identifierProblem(chosen)) return;
      resolve(chosen);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

export async function startSessionCommand(
  host: ServiceHost,
  reveal: () => void,
  log: Log,
): Promise<void> {
  const apps = await listed(host, { kind: 'applications' }, log);
  const application = await pickOrType(1, 'Application', apps);
  if (application === undefined) return;
  const app = findResource(apps, application);
  const environments = app
    ? await listed(host, { kind: 'environments', applicationId: app.id }, log)
    : undefined;
  const environment = await pickOrType(2, 'Environment', environments);
  if (environment === undefined) return;
  const profiles = app
    ? await listed(host, { kind: 'configurationProfiles', applicationId: app.id }, log)
    : undefined;
  const profile = await pickOrType(3, 'Configuration profile', profiles);
  if (profile === undefined) return;
  const interval = await vscode.window.showInputBox({
    title: 'Start session: Minimum poll interval (seconds)',
    prompt: 'Optional, 15–86400. AWS then refuses polls sent sooner. Leave empty for none.',
    placeHolder: 'optional',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const parsed = parseInterval(text);
      return parsed.ok ? undefined : parsed.message;
    },
  });
  if (interval === undefined) return;
  const parsed = parseInterval(interval);
  const name = `${application} / ${environment} / ${profile}`;
  try {
    const session = await host.request('startSession', {
      applicationIdentifier: application,
      environmentIdentifier: environment,
      configurationProfileIdentifier: profile,
      ...(parsed.ok && parsed.value !== undefined
        ? { requiredMinimumPollIntervalInSeconds: parsed.value }
        : {}),
    });
    log.info(`Session started: ${name}`);
    await host.reveal(session.id);
    reveal();
  } catch (e) {
    log.error(`Could not start ${name}: ${describe(e)}`);
    void vscode.window.showErrorMessage(`Could not start the session ${name}: ${describe(e)}`);
  }
}

export async function importRecordingCommand(
  host: ServiceHost,
  reveal: () => void,
  log: Log,
): Promise<void> {
  const [file] =
    (await vscode.window.showOpenDialog({
      title: 'Import an AppConfig Inspector recording',
      openLabel: 'Import',
      canSelectMany: false,
      filters: { 'Inspector recordings': ['json'], 'All files': ['*'] },
    })) ?? [];
  if (!file) return;
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    let recording: unknown;
    try {
      recording = JSON.parse(text);
    } catch (e) {
      throw new Error(`${file.fsPath} is not JSON (${describe(e)}).`);
    }
    const session = await host.request('importRecording', { recording });
    log.info(`Imported ${file.fsPath} as read-only session ${session.id}`);
    await host.reveal(session.id);
    reveal();
    void vscode.window.showInformationMessage(
      `Imported ${session.applicationIdentifier} / ${session.environmentIdentifier} / ${session.configurationProfileIdentifier} (read-only).`,
    );
  } catch (e) {
    log.error(`Could not import ${file.fsPath}: ${describe(e)}`);
    void vscode.window.showErrorMessage(`Could not import the recording: ${describe(e)}`);
  }
}
