// The protocol methods that move a session in and out of a file: exportSession (the whole session, from disk
// when older events have left memory), exportHar (the same calls as a HAR 1.2 file, see har.ts) and
// importRecording (a read-only copy under a new id). Split from inspectorService.ts so the engine file keeps
// to live sessions. Imported by inspectorService.ts only.
import { randomBytes } from 'node:crypto';
import type { SessionInfo } from '../core/ledger.js';
import type { Method, Params, Result } from '../protocol/messages.js';
import type { ContentRepo } from './contentRepo.js';
import type { Recorder } from './recorder.js';
import { buildHar } from './har.js';
import { buildRecording, parseRecording } from './recordings.js';
import { SessionRunner, type RunnerDeps } from './sessionRunner.js';

type RecordingMethod = Extract<Method, 'exportSession' | 'exportHar' | 'importRecording'>;

export type RecordingHandlers = {
  [M in RecordingMethod]: (params: Params<M>) => Promise<Result<M>> | Result<M>;
};

interface RecordingDeps {
  runner(sessionId: string): SessionRunner;
  recorder: Recorder;
  contents: ContentRepo;
  deps: RunnerDeps;
  /** Refuses when the service is read-only. */
  assertOwner(): void;
  /** Lists an imported session and tells the UI. */
  add(runner: SessionRunner): void;
}

/** `deps` is read at each call: the handler table is built before the service's constructor has run. */
export function recordingHandlers(deps: () => RecordingDeps): RecordingHandlers {
  return {
    exportSession: ({ sessionId }) => {
      const { runner, recorder, contents } = deps();
      const session = runner(sessionId);
      return buildRecording(session.info, allEvents(session, recorder), (hash) =>
        contents.get(hash),
      );
    },
    exportHar: ({ sessionId, redactTokens }) => {
      const { runner, recorder, contents } = deps();
      const session = runner(sessionId);
      // Memory holds only the newest few full tokens; the recording on disk has every one this session was
      // handed (an imported one has none): so older calls get their real tokens too, or are redacted fully.
      const recorded = recorder.read(sessionId);
      const onDisk = new Map(recorded?.tokens.map((t) => [t.fingerprint, t.token]));
      const events =
        session.ledger.firstHeldSeq > 0 ? (recorded?.events ?? session.events) : session.events;
      return buildHar(session.info, events, {
        redactTokens,
        fullToken: (fp) => session.tokenOf(fp) ?? onDisk.get(fp),
        content: (hash) => contents.get(hash),
      });
    },
    importRecording: ({ recording }) => {
      const d = deps();
      d.assertOwner();
      const { recording: parsed, bytes } = parseRecording(recording);
      for (const blob of parsed.contents)
        d.contents.put(bytes.get(blob.contentHash)!, blob.contentType);
      const id = `i-${randomBytes(6).toString('hex')}`;
      // An exported fleet member comes back as a session of its own: the fleet is not imported.
      const { fleetId: _fleet, ...session } = parsed.session;
      const info: SessionInfo = { ...session, id, readOnly: true, state: 'stopped' };
      const events = parsed.events.map((e) => ({ ...e, sessionId: id }));
      d.recorder.create(info);
      for (const event of events) d.recorder.append(id, { t: 'event', event });
      const runner = SessionRunner.restore(info, events, [], d.deps);
      d.add(runner);
      return runner.summary();
    },
  };
}

/** Older events left memory but never the recording: an export is always the whole session. */
function allEvents(session: SessionRunner, recorder: Recorder) {
  return session.ledger.firstHeldSeq > 0
    ? (recorder.read(session.info.id)?.events ?? session.events)
    : session.events;
}
