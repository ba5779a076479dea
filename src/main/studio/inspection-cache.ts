/**
 * Inspections remembered by the file they read: the same path with the same size and
 * modification time (and inode) is the same model, so a reopen, a run's pre-flight check and
 * the first load's default sample answer without a worker. An inspection in flight is shared by
 * those who ask meanwhile; a failure is not kept (the file may be fixed and retried).
 */
import { stat } from 'node:fs/promises';
import type { ModelInfo } from '../../shared/model';
import type { InspectionStore } from './inspections-on-disk';

const DEFAULT_ENTRIES = 64;

export class InspectionCache {
  private readonly entries = new Map<string, Promise<ModelInfo>>();

  constructor(
    private readonly inspect: (path: string) => Promise<ModelInfo>,
    private readonly maxEntries = DEFAULT_ENTRIES,
    /** Entries kept across restarts (a long session's studio); read on a miss here, written after each inspection. */
    private readonly disk?: InspectionStore,
  ) {}

  async get(path: string): Promise<ModelInfo> {
    let key: string;
    try {
      const s = await stat(path);
      key = `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${path}`;
    } catch {
      // Missing or unreadable: the inspection itself says so in its words.
      return this.inspect(path);
    }
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last, so eviction drops the oldest.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const pending = this.disk ? readThrough(this.disk, key, () => this.inspect(path)) : this.inspect(path);
    this.entries.set(key, pending);
    pending.catch(() => this.entries.delete(key));
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return pending;
  }

}

/** The kept entry, or a fresh inspection that is then kept. */
async function readThrough(disk: InspectionStore, key: string, inspect: () => Promise<ModelInfo>): Promise<ModelInfo> {
  const kept = await disk.read(key);
  if (kept) return kept;
  const model = await inspect();
  void disk.write(key, model);
  return model;
}
