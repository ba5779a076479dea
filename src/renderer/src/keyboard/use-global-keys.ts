/** The studio-wide keys (keyboard/shortcuts.ts): `?` toggles the shortcut list, Esc closes it, digits open views. */
import { useEffect } from 'react';
import { useUi } from '../stores/ui-store';
import { isTextEntry, VIEW_KEYS } from './shortcuts';

export function useGlobalKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const ui = useUi.getState();
      if (e.key === 'Escape' && ui.shortcutsOpen) {
        e.preventDefault();
        ui.showShortcuts(false);
        return;
      }
      if (isTextEntry(e.target)) return;
      if (e.key === '?') {
        e.preventDefault();
        ui.showShortcuts(!ui.shortcutsOpen);
        return;
      }
      const view = VIEW_KEYS[e.key];
      if (view && !ui.shortcutsOpen) {
        e.preventDefault();
        ui.go(view);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
