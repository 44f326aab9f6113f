// The time window the timeline lanes show, and the gestures that move it: wheel zoom around the pointer
// (ctrl+wheel and trackpad pinch too), horizontal wheel and drag to pan, and the Zoom in / Zoom out / Fit
// buttons. Imported only by TimelineLanes.tsx; the math is in laneScale.ts.
//
// How the lanes relate to the grid's scroll: until the user zooms or pans, the lanes follow the polls the
// grid shows, widened to at least FOLLOW_AT_LEAST polls for context (scrolling the grid, or new polls
// arriving at the bottom, moves the lanes with it), so both views tell about the same polls. The first zoom
// or pan gives the lanes their own window, kept while the grid scrolls (the user is studying a stretch of
// time and must not lose it); a poll selected in the grid outside that window pans it into view, keeping the
// zoom. "Fit" goes back to following the grid.
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { PointerEvent as ReactPointerEvent, MouseEvent as ReactMouseEvent } from 'react';
import type { PollEvent } from '../../../core/ledger.js';
import { laneWindow } from './lanesModel.js';
import {
  ledgerExtent,
  panWindow,
  revealInWindow,
  windowOfPolls,
  zoomWindow,
  type Scale,
  type TimeWindow,
} from './laneScale.js';

/** One button press zooms by this much; a wheel notch (~100 px of delta) by about the same. */
export const ZOOM_STEP = 2;
const WHEEL_RATE = 0.007;
/** A pinch (ctrl+wheel) sends small deltas: zoom faster per pixel. */
const PINCH_RATE = 0.02;
/** Pointer travel before a press on the lanes becomes a drag instead of a click on a mark. */
const DRAG_THRESHOLD_PX = 3;
/** Following the grid, the lanes show at least this many polls around the visible rows. */
const FOLLOW_AT_LEAST = 20;

interface Options {
  events: readonly PollEvent[];
  visibleStart: number;
  visibleEnd: number;
  selectedIndex: number;
  scale: (w: TimeWindow) => Scale;
  svgRef: RefObject<SVGSVGElement | null>;
}

export function useLaneView({
  events,
  visibleStart,
  visibleEnd,
  selectedIndex,
  scale,
  svgRef,
}: Options) {
  const [own, setOwn] = useState<TimeWindow | undefined>(undefined);
  const follow = useMemo(() => {
    const polls = laneWindow(visibleStart, visibleEnd, events.length, FOLLOW_AT_LEAST);
    return windowOfPolls(events, polls.start, polls.end);
  }, [events, visibleStart, visibleEnd]);
  const extent = useMemo(() => ledgerExtent(events), [events]);
  const shown = own ?? follow;

  // The wheel and pointer listeners read the newest values without being re-attached every render.
  const latest = useRef({ shown, extent, scale });
  useEffect(() => {
    latest.current = { shown, extent, scale };
  });

  const zoomAt = useCallback((factor: number, anchor?: number) => {
    const { shown: w, extent: e } = latest.current;
    if (!w) return;
    // Around the selected poll when it is on screen (keyboard users zoom onto what they selected).
    const at = anchor !== undefined && anchor >= w.from && anchor <= w.to ? anchor : undefined;
    setOwn(zoomWindow(w, at ?? (w.from + w.to) / 2, factor, e));
  }, []);
  const fit = useCallback(() => setOwn(undefined), []);

  // React's onWheel is passive, so it cannot stop the page from scrolling: listen natively.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return undefined;
    const onWheel = (e: WheelEvent) => {
      const { shown: w, extent: e2, scale: toScale } = latest.current;
      if (!w) return;
      e.preventDefault();
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? svg.clientWidth : 1;
      const s = toScale(w);
      // A sideways swipe or shift+wheel pans; an upright wheel (or a pinch, ctrl+wheel) zooms.
      const sideways =
        Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.shiftKey ? e.deltaY : 0;
      if (sideways !== 0) {
        setOwn(panWindow(w, sideways * unit * s.msPerPx, e2));
        return;
      }
      const rate = e.ctrlKey ? PINCH_RATE : WHEEL_RATE;
      const anchor = s.at(e.clientX - svg.getBoundingClientRect().left);
      const around = Number.isFinite(anchor) ? anchor : (w.from + w.to) / 2;
      setOwn(zoomWindow(w, around, Math.exp(e.deltaY * unit * rate), e2));
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [svgRef]);

  // A press only becomes a drag after a few pixels, so a click on a mark still selects its poll.
  const drag = useRef<{ id: number; x: number; start: TimeWindow; moved: boolean } | undefined>(
    undefined,
  );
  const suppressClick = useRef(false);
  const [dragging, setDragging] = useState(false);
  const onPointerDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    // A drag released outside the lanes leaves no click to swallow: forget it on the next press.
    suppressClick.current = false;
    if (e.button !== 0 || !shown) return;
    drag.current = { id: e.pointerId, x: e.clientX, start: shown, moved: false };
  };
  const onPointerMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    if (!d.moved && Math.abs(dx) < DRAG_THRESHOLD_PX) return;
    if (!d.moved) {
      d.moved = true;
      setDragging(true);
      e.currentTarget.setPointerCapture?.(e.pointerId);
    }
    setOwn(panWindow(d.start, -dx * scale(d.start).msPerPx, latest.current.extent));
  };
  const endDrag = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    drag.current = undefined;
    if (!d.moved) return;
    suppressClick.current = true;
    setDragging(false);
    e.currentTarget.releasePointerCapture?.(e.pointerId);
  };
  const onClickCapture = (e: ReactMouseEvent<SVGSVGElement>) => {
    if (!suppressClick.current) return;
    suppressClick.current = false;
    e.stopPropagation();
  };

  // A poll selected elsewhere (grid, flag list) while the lanes keep their own window: pan it into view.
  const selected = events[selectedIndex];
  const selectedAt = selected?.sentAt;
  // Adjusted while rendering (React's pattern for state that follows a prop), not in an effect.
  const [revealedAt, setRevealedAt] = useState(selectedAt);
  if (revealedAt !== selectedAt) {
    setRevealedAt(selectedAt);
    if (own && selectedAt !== undefined) setOwn(revealInWindow(own, selectedAt));
  }

  return {
    shown,
    following: own === undefined,
    dragging,
    zoomIn: () => zoomAt(1 / ZOOM_STEP, selectedAt),
    zoomOut: () => zoomAt(ZOOM_STEP, selectedAt),
    fit,
    pointer: {
      onPointerDown,
      onPointerMove,
      onPointerUp: endDrag,
      onPointerCancel: endDrag,
      onClickCapture,
    },
  };
}
