/** The keyboard shortcut list (`?`), from the one list the handlers use. */
import { useEffect, useRef } from 'react';
import { useUi } from '../stores/ui-store';
import { SHORTCUT_GROUPS } from '../keyboard/shortcuts';

export function ShortcutsDialog() {
  const open = useUi((s) => s.shortcutsOpen);
  const show = useUi((s) => s.showShortcuts);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeButton.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="dialog-backdrop" onClick={() => show(false)}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" data-testid="shortcuts" onClick={(e) => e.stopPropagation()}>
        <header className="dialog-head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button ref={closeButton} className="ghost" onClick={() => show(false)} aria-label="Close">
            ×
          </button>
        </header>
        {SHORTCUT_GROUPS.map((g) => (
          <section key={g.title}>
            <h3>{g.title}</h3>
            <table className="shortcuts-table">
              <tbody>
                {g.shortcuts.map((s) => (
                  <tr key={s.keys}>
                    <td>
                      <kbd>{s.keys}</kbd>
                    </td>
                    <td>{s.does}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </div>
  );
}
