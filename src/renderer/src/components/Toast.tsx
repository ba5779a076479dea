/** The passing message at the foot of the window, with its action (Undo) while it shows. */
import { useToast } from '../stores/toast-store';

export function ToastHost() {
  const { toast, dismiss } = useToast();
  if (!toast) return null;
  const { action } = toast;
  return (
    <div className="toast" role="status" aria-live="polite" data-testid="toast">
      <span className="toast-message">{toast.message}</span>
      {action && (
        <button
          className="primary"
          onClick={() => {
            dismiss();
            void action.run();
          }}
          data-testid="toast-action"
        >
          {action.label}
        </button>
      )}
      <button className="ghost" onClick={dismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
