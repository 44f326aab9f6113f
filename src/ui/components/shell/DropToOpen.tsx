// Drop a recording file anywhere on the page to open it, as Import does: while a file is dragged over the
// page a labelled drop target covers it; a refused file gets Import's own words. Mounted once by App.tsx;
// only drags that carry files are taken, so other drags on the page keep working. In the VS Code panel the
// workbench takes a dropped file itself unless Shift is held; with Shift the drop reaches these listeners.
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useOpenRecording } from './useOpenRecording.js';
import './share.css';

const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

export function DropToOpen() {
  const recording = useOpenRecording();
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed: the target shows while more were entered than left.
  const depth = useRef(0);
  const openFile = useEffectEvent((file: File) => void recording.open(file));

  useEffect(() => {
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth.current += 1;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      // Without this the browser refuses the drop (or navigates to the file).
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) openFile(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <>
      {dragging && (
        <div className="drop-target" role="region" aria-label="Drop a recording to open it">
          <p>Drop a recording (.json, as Export writes it) to open it read-only</p>
        </div>
      )}
      {recording.pending && (
        <p className="drop-status" role="status">
          Opening the recording…
        </p>
      )}
      {recording.error && (
        <div className="drop-status drop-error" role="alert">
          <span>{recording.error}</span>
          <button type="button" onClick={recording.clearError}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
