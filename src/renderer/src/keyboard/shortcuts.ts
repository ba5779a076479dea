/**
 * Every keyboard shortcut of the studio, in one list: the shortcut dialog shows it and the
 * global handler (use-global-keys.ts) reads the view keys from it, so the two cannot disagree.
 * The Sessions list's own keys are handled there (components/sessions/RunsList.tsx).
 */
import type { View } from '../stores/ui-store';

export interface Shortcut {
  keys: string;
  does: string;
}

/** Outside text fields: a digit opens a view, in the rail's order. */
export const VIEW_KEYS: Readonly<Record<string, View>> = { '1': 'run', '2': 'sessions', '3': 'compare', '4': 'models', '5': 'optimize' };

export const SHORTCUT_GROUPS: { title: string; shortcuts: Shortcut[] }[] = [
  {
    title: 'Anywhere',
    shortcuts: [
      { keys: '?', does: 'show or hide this list' },
      { keys: '1 · 2 · 3 · 4 · 5', does: 'open Run, Sessions, Compare, Models, Optimize (outside text fields)' },
      { keys: 'Tab · Shift+Tab', does: 'move between controls (the focused one is outlined)' },
      { keys: 'Esc', does: 'close this list' },
    ],
  },
  {
    title: 'Run form',
    shortcuts: [{ keys: 'Ctrl+Enter · ⌘+Enter', does: 'run the benchmark, from any field of the form' }],
  },
  {
    title: 'Model graph (Models view; focus it with Tab or a click)',
    shortcuts: [
      { keys: '↓ · → · Tab / ↑ · ← · Shift+Tab', does: 'next / previous search result (centred on screen)' },
      { keys: 'Enter', does: "open the result's node panel" },
      { keys: 'Esc', does: 'close the node panel' },
      { keys: '+ · − · F', does: 'zoom in, zoom out, fit the graph' },
    ],
  },
  {
    title: 'Sessions list (focus it with Tab or a click)',
    shortcuts: [
      { keys: '↑ · ↓', does: 'move to the previous / next run and open it' },
      { keys: 'Shift+↑ · Shift+↓', does: 'extend the selection' },
      { keys: 'Home · End · PgUp · PgDn', does: 'jump through the list' },
      { keys: 'Space', does: 'add or remove the run at the cursor' },
      { keys: 'Ctrl+A · ⌘+A', does: 'select every listed run' },
      { keys: 'Delete', does: 'delete the selected runs (Undo in the message that follows)' },
      { keys: 'Esc', does: 'clear the selection' },
    ],
  },
];

/** Typing in these must not trigger single-key shortcuts. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'range'].includes(target.type);
}
