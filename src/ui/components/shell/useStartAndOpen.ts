// Starts a session and opens it, remembering its identifiers among the recent ones: what the form's Start
// session, its Recent entries and the empty state's demo buttons all do. A refused start is opened too: it is
// still a session, and its call and flag explain the refusal. Imported by SessionForm.tsx and EmptyState.tsx.
import { ProtocolError, type StartSessionParams } from '../../../protocol/messages.js';
import { useStartSession } from '../../queries.js';
import { useUiState } from '../../UiStateProvider.js';
import { useRecentSessions } from './recentSessions.js';

export function useStartAndOpen() {
  const { dispatch } = useUiState();
  const start = useStartSession();
  const [, remember] = useRecentSessions();
  const startAndOpen = (params: StartSessionParams) =>
    start.mutate(params, {
      onSuccess: (session) => {
        remember(params);
        dispatch({ type: 'sessionSelected', sessionId: session.id });
      },
      onError: (error) => {
        if (error instanceof ProtocolError && error.sessionId)
          dispatch({ type: 'sessionSelected', sessionId: error.sessionId });
      },
    });
  return { start, startAndOpen };
}
