// "Copy as AWS CLI / curl / JS SDK" for the poll open in the detail pane (imported by PollDetail.tsx): the
// texts come from core/copyAs.ts; the clipboard may be refused (a VS Code webview, an insecure origin), so
// the text then appears in a selectable box instead.
import { useMemo, useState } from 'react';
import { copyAs, type CopyAsInput, type CopyAsText } from '../../../core/copyAs.js';

const TARGETS: { key: keyof CopyAsText; label: string }[] = [
  { key: 'awsCli', label: 'Copy as AWS CLI' },
  { key: 'curl', label: 'Copy as curl' },
  { key: 'jsSdk', label: 'Copy as JS SDK' },
];

type Feedback =
  | { kind: 'copied'; label: string }
  | { kind: 'refused'; label: string; text: string; reason: string };

export function CopyAsButtons({ input }: { input: CopyAsInput }) {
  const [feedback, setFeedback] = useState<Feedback>();
  const built = useMemo(() => {
    try {
      return { texts: copyAs(input) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, [input]);
  if (built.error !== undefined)
    return (
      <p className="muted copy-as-unavailable" role="note">
        Copy as is unavailable: {built.error}
      </p>
    );
  const texts = built.texts!;

  const copy = async (key: keyof CopyAsText, label: string) => {
    const text = texts[key];
    try {
      if (!navigator.clipboard) throw new Error('this page has no clipboard access');
      await navigator.clipboard.writeText(text);
      setFeedback({ kind: 'copied', label });
    } catch (e) {
      setFeedback({ kind: 'refused', label, text, reason: (e as Error).message });
    }
  };

  return (
    <div className="copy-as" role="group" aria-label="Copy as">
      <div className="copy-as-buttons">
        {TARGETS.map(({ key, label }) => (
          <button key={key} type="button" onClick={() => void copy(key, label)}>
            {label}
          </button>
        ))}
        <span role="status" className="copy-as-status">
          {feedback?.kind === 'copied' ? `Copied (${feedback.label.replace('Copy as ', '')})` : ''}
        </span>
      </div>
      {feedback?.kind === 'refused' && (
        <>
          <p className="view-warning">
            The clipboard refused the text ({feedback.reason}): select it below and copy it.
          </p>
          <textarea
            className="copy-as-text mono"
            aria-label={`${feedback.label.replace('Copy as ', '')} text to copy`}
            readOnly
            rows={Math.min(12, feedback.text.split('\n').length + 1)}
            value={feedback.text}
            // Focused and selected when it appears, so Ctrl+C is all that is left to do.
            autoFocus
            onFocus={(e) => e.currentTarget.select()}
          />
        </>
      )}
    </div>
  );
}
