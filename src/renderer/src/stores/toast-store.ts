/** One passing message at the foot of the window, with an action (Undo) while it shows. */
import { create } from 'zustand';

export interface Toast {
  id: number;
  message: string;
  action?: { label: string; run: () => Promise<void> };
}

const SHOWN_MS = 8_000;
let nextId = 1;
let timer: number | undefined;

export const useToast = create<{ toast?: Toast; show(message: string, action?: Toast['action']): void; dismiss(): void }>((set) => ({
  show: (message, action) => {
    const toast: Toast = { id: nextId++, message, ...(action ? { action } : {}) };
    window.clearTimeout(timer);
    timer = window.setTimeout(() => set((s) => (s.toast?.id === toast.id ? { toast: undefined } : s)), SHOWN_MS);
    set({ toast });
  },
  dismiss: () => {
    window.clearTimeout(timer);
    set({ toast: undefined });
  },
}));
