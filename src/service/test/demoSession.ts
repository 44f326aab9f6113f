// Test-only helpers for service tests on the emulator's demo application: start a session and wait for its
// first poll, or for the next ledger event of a session that matches.
import type { PollEvent } from '../../core/ledger.js';
import type { InspectorService } from '../inspectorService.js';

export const DEMO = {
  applicationIdentifier: 'demo-app',
  environmentIdentifier: 'dev',
  configurationProfileIdentifier: 'app-config',
};

/** Resolves with the next ledger event of `sessionId` that matches (any session when undefined). */
export function nextEvent(
  service: InspectorService,
  sessionId: string | undefined,
  match: (e: PollEvent) => boolean = () => true,
): Promise<PollEvent> {
  return new Promise((resolve) => {
    const off = service.onEvent((e) => {
      if (
        'event' in e &&
        (sessionId === undefined || e.sessionId === sessionId) &&
        match(e.event)
      ) {
        off();
        resolve(e.event);
      }
    });
  });
}

/** Starts a session on the demo profile and resolves once its first poll is in the ledger. */
export async function startDemoSession(
  service: InspectorService,
): Promise<{ id: string; first: PollEvent }> {
  const first = nextEvent(service, undefined, (e) => e.kind === 'poll');
  const { id } = await service.request('startSession', DEMO);
  return { id, first: await first };
}
