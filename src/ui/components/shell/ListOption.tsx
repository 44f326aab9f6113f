// One selectable entry of the session list (a session or a fleet): an ARIA option that Enter and Space pick
// as a click does, with roving tabindex. Used by SessionList.tsx and fleet/FleetRow.tsx.
import type { ReactNode } from 'react';

export interface ListOptionProps {
  selected: boolean;
  tabbable: boolean;
  onSelect: () => void;
  className: string;
  /** data-session-id / data-fleet-id, which tests and the list's keyboard handling find rows by. */
  data: Record<`data-${string}`, string>;
  children: ReactNode;
}

export function ListOption({
  selected,
  tabbable,
  onSelect,
  className,
  data,
  children,
}: ListOptionProps) {
  return (
    <li
      role="option"
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      {...data}
      className={className}
      onClick={onSelect}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect();
        }
      }}
    >
      {children}
    </li>
  );
}
