// A button that asks first: pressing it shows what will happen and Confirm / Cancel; only Confirm acts.
// Used for **Stop deployment** and **Revert** in DeploymentPanel.tsx.
import { useId, useState } from 'react';

interface ConfirmActionProps {
  label: string;
  /** What clients will get, in words. */
  consequence: string;
  onConfirm: () => void;
  busy?: boolean;
}

export function ConfirmAction({ label, consequence, onConfirm, busy = false }: ConfirmActionProps) {
  const id = useId();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" disabled={busy} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  return (
    <div role="alertdialog" aria-labelledby={`${id}-text`} className="confirm">
      <p id={`${id}-text`}>{consequence}</p>
      <button
        type="button"
        className="danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Confirm: {label}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </div>
  );
}
