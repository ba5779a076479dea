/**
 * The run form's targets, as typed (one field each, in the CLI's syntax: `p99<=15ms`): kept as
 * text so a half-typed target is not lost; parsed with the CLI's parser on every change
 * (components/RunForm.tsx folds them into the run's config).
 */
import { create } from 'zustand';

export const useRunTargets = create<{
  texts: string[];
  add(text?: string): void;
  set(index: number, text: string): void;
  remove(index: number): void;
}>((set) => ({
  texts: [],
  add: (text = '') => set((s) => ({ texts: [...s.texts, text] })),
  set: (index, text) => set((s) => ({ texts: s.texts.map((t, i) => (i === index ? text : t)) })),
  remove: (index) => set((s) => ({ texts: s.texts.filter((_, i) => i !== index) })),
}));
