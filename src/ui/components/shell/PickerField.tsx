// A text field with a visible list of suggestions under it (ARIA combobox + listbox): the session form's
// Application, Environment and Configuration profile pickers. A datalist stays hidden until the user types
// and looks different in every browser; this list opens on focus, filters as the user types, offers recently
// used names first, and still accepts any free text. Imported by SessionForm.tsx.
import { useId, useState, type KeyboardEvent } from 'react';
import type { ResourceItem } from '../../../protocol/messages.js';
import './picker.css';

export interface PickerFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** Listed resources (undefined while unknown: the backend cannot list, or the parent is not chosen). */
  options?: ResourceItem[];
  /** Names used recently for this field, newest first; offered before the listed ones. */
  recent?: string[];
}

interface Suggestion {
  name: string;
  /** The resource id, when listed and different from the name. */
  detail?: string;
  recent: boolean;
}

/** Recent names first, then listed ones, each name once, keeping those that contain the typed text. */
export function suggestionsFor(
  value: string,
  options: ResourceItem[] = [],
  recent: string[] = [],
): Suggestion[] {
  const byName = new Map<string, Suggestion>();
  for (const name of recent) byName.set(name, { name, recent: true });
  for (const item of options) {
    const detail = item.id !== item.name ? item.id : undefined;
    const known = byName.get(item.name);
    byName.set(item.name, { name: item.name, recent: known?.recent ?? false, detail });
  }
  const typed = value.trim().toLowerCase();
  return [...byName.values()].filter(
    (s) =>
      s.name.toLowerCase().includes(typed) || (s.detail?.toLowerCase().includes(typed) ?? false),
  );
}

export function PickerField({ label, value, onChange, error, options, recent }: PickerFieldProps) {
  const id = useId();
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const suggestions = suggestionsFor(value, options, recent);
  // Closed once the text names a suggestion exactly: nothing left to choose, and nothing covering the form.
  const shown = open && suggestions.length > 0 && !suggestions.some((s) => s.name === value.trim());
  const activeIndex = shown && active < suggestions.length ? active : -1;

  const choose = (name: string) => {
    onChange(name);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!shown) {
        setOpen(true);
        setActive(0);
        return;
      }
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + suggestions.length) % suggestions.length);
    } else if (e.key === 'Enter' && activeIndex >= 0) {
      // Picks the highlighted suggestion instead of submitting the form.
      e.preventDefault();
      choose(suggestions[activeIndex]!.name);
    } else if (e.key === 'Escape' && shown) {
      // Closes the list only: the page's own Escape (closing a pane) must not fire as well.
      e.stopPropagation();
      setOpen(false);
    }
  };

  const describedBy = error ? `${id}-error` : undefined;
  return (
    <div className="field picker">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={activeIndex >= 0 ? `${id}-opt-${activeIndex}` : undefined}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Suggestions"
        className="picker-list"
        hidden={!shown}
      >
        {shown &&
          suggestions.map((s, i) => (
            <li
              key={s.name}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              className={i === activeIndex ? 'active' : undefined}
              // mousedown would blur the input (closing the list) before the click lands.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(s.name)}
            >
              <span className="picker-name">{s.name}</span>
              {s.recent && <span className="picker-tag">recent</span>}
              {s.detail && <span className="picker-detail">{s.detail}</span>}
            </li>
          ))}
      </ul>
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}
