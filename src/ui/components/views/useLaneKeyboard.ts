// The timeline lanes as one keyboard stop (roving tabindex): which drawn mark holds the tab stop (the one of
// the selected poll, else the newest), the keys on it (←/→ and ↑/↓ to the neighbouring mark, selecting its
// poll; Home/End to the first/last poll; Enter opens the detail; + / - zoom, 0 fits) and keeping focus on the
// active mark while the marks under it are redrawn. Imported only by TimelineLanes.tsx.
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { FocusEvent, KeyboardEvent } from 'react';
import type { PollEvent } from '../../../core/ledger.js';
import type { MarkGroup } from './laneScale.js';

interface Options {
  /** The polls drawn (the filter's result) and the coalesced marks of the window. */
  events: readonly PollEvent[];
  groups: readonly MarkGroup[];
  selectedIndex: number;
  onSelect: (seq: number) => void;
  onOpen?: (seq: number) => void;
  zoomIn: () => void;
  zoomOut: () => void;
  fit: () => void;
  svgRef: RefObject<SVGSVGElement | null>;
}

/** The mark whose [first, last] holds `index` (groups are in event order), by binary search; -1 if none. */
export function groupOf(groups: readonly MarkGroup[], index: number): number {
  let lo = 0;
  let hi = groups.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const g = groups[mid]!;
    if (index < g.first) hi = mid - 1;
    else if (index > g.last) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** :focus-visible where the browser knows it (a DOM without it, such as unit tests, counts every focus). */
function focusVisible(el: Element): boolean {
  try {
    return el.matches(':focus-visible');
  } catch {
    return true;
  }
}

export const LANE_KEYS = 'ArrowLeft ArrowRight ArrowUp ArrowDown Home End Enter + - 0';

export function useLaneKeyboard({
  events,
  groups,
  selectedIndex,
  onSelect,
  onOpen,
  zoomIn,
  zoomOut,
  fit,
  svgRef,
}: Options) {
  const selectedGroup = selectedIndex < 0 ? -1 : groupOf(groups, selectedIndex);
  const activeGroup = selectedGroup >= 0 ? selectedGroup : groups.length - 1;
  const active = groups[activeGroup];
  // The poll the active mark tells about: the selected one when it is inside that mark, else the mark's own.
  const describedIndex = selectedGroup >= 0 ? selectedIndex : active?.index;

  // Whether keyboard focus is in the lanes. A redraw replaces the focused mark's node (its key is its poll),
  // so focus is put back on the new active mark after each render while this holds.
  const focusedRef = useRef(false);
  const [focused, setFocused] = useState(false);
  const onFocus = useCallback((e: FocusEvent<SVGSVGElement>) => {
    focusedRef.current = true;
    // The card shows for keyboard focus; a click on the mark already has the hover card.
    setFocused(focusVisible(e.target as Element));
  }, []);
  const onBlur = useCallback(
    (e: FocusEvent<SVGSVGElement>) => {
      const next = e.relatedTarget as Node | null;
      if (next && svgRef.current?.contains(next)) return;
      const left = e.target as Element;
      // A node removed while focused blurs to nothing: that is a redraw, not the user leaving.
      queueMicrotask(() => {
        if (left.isConnected || next) {
          focusedRef.current = false;
          setFocused(false);
        }
      });
    },
    [svgRef],
  );
  useLayoutEffect(() => {
    if (!focusedRef.current) return;
    const mark = svgRef.current?.querySelector<SVGGElement>('[data-lane-active]');
    const current = document.activeElement;
    const lost = !current || current === document.body || svgRef.current?.contains(current);
    if (mark && current !== mark && lost) mark.focus({ preventScroll: true });
  });

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const go = (index: number) => {
      const event = events[index];
      if (!event) return;
      e.preventDefault();
      onSelect(event.seq);
    };
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        if (active) go(active.last + 1);
        return;
      case 'ArrowLeft':
      case 'ArrowUp':
        if (active) go(active.first - 1);
        return;
      case 'Home':
        go(0);
        return;
      case 'End':
        go(events.length - 1);
        return;
      case 'Enter': {
        const event = describedIndex === undefined ? undefined : events[describedIndex];
        if (!event) return;
        e.preventDefault();
        onSelect(event.seq);
        onOpen?.(event.seq);
        return;
      }
      case '+':
      case '=':
        e.preventDefault();
        zoomIn();
        return;
      case '-':
      case '_':
        e.preventDefault();
        zoomOut();
        return;
      case '0':
        e.preventDefault();
        fit();
        return;
      default:
    }
  };

  return {
    /** Representative poll of the mark holding the tab stop, and the index of the poll it describes. */
    activeSeq: active ? events[active.index]?.seq : undefined,
    active,
    describedIndex,
    focused,
    handlers: { onKeyDown, onFocus, onBlur },
  };
}
