import { useEffect, useRef } from 'preact/hooks';

/** What the bump bar (or a keyboard) does on the screen. */
export interface BumpKeyActions {
  /** Selects the next (+1) or previous (-1) ticket. */
  select: (step: 1 | -1) => void;
  selectFirst: () => void;
  start: () => void;
  bump: () => void;
  recall: () => void;
  turnPage: (step: 1 | -1) => void;
}

/**
 * The keys a bump bar sends, as docs/clients.md lists them: arrows select, S starts, B bumps, R recalls, Page Up
 * and Page Down turn pages. Keys typed into a field, or with a modifier held, are the browser's.
 */
const KEYS: Record<string, (actions: BumpKeyActions) => void> = {
  ArrowRight: (a) => a.select(1),
  ArrowDown: (a) => a.select(1),
  ArrowLeft: (a) => a.select(-1),
  ArrowUp: (a) => a.select(-1),
  Home: (a) => a.selectFirst(),
  s: (a) => a.start(),
  b: (a) => a.bump(),
  r: (a) => a.recall(),
  PageDown: (a) => a.turnPage(1),
  PageUp: (a) => a.turnPage(-1),
};

/** Listens while `enabled`; the latest `actions` answer each key (they change with every redraw). */
export function useBumpKeys(actions: BumpKeyActions, enabled: boolean): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
      const action = KEYS[event.key.length === 1 ? event.key.toLowerCase() : event.key];
      if (!action) return;
      event.preventDefault();
      action(latest.current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
