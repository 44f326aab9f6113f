// Selects a session the host asked to show: pushed as `sessionRevealed` to an open page, or carried in the
// hello answer to a page that was still loading (the VS Code Start Session / Import Recording commands).
import { useEffect } from 'react';
import { useHello, useInspectorClient } from './queries.js';
import { useUiState } from './UiStateProvider.js';

export function useRevealRequests(): void {
  const client = useInspectorClient();
  const { dispatch } = useUiState();
  const fromHello = useHello().data?.revealSessionId;
  useEffect(() => {
    if (fromHello) dispatch({ type: 'sessionSelected', sessionId: fromHello });
  }, [fromHello, dispatch]);
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'sessionRevealed')
          dispatch({ type: 'sessionSelected', sessionId: event.sessionId });
      }),
    [client, dispatch],
  );
}
