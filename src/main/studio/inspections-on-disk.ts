/**
 * Inspections kept across a studio's restarts, one small JSON file each under
 * DYNO_HOME/cache/inspections, named by a hash of the file's identity (the key InspectionCache
 * uses: device, inode, size, modification time, path). A user's second `dyno serve` then
 * answers the first page's models.open from disk in milliseconds instead of waiting for a cold
 * worker to load ONNX Runtime and parse the model. An entry made by another Dyno or ONNX Runtime
 * version, or one that no longer reads as a ModelInfo, is a miss; a failed write only costs the
 * next start its speed-up. The newest `maxEntries` files are kept.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ModelInfoSchema, type ModelInfo } from '../../shared/model';

const EntrySchema = z.object({ key: z.string(), version: z.string(), model: ModelInfoSchema });

export interface InspectionStore {
  read(key: string): Promise<ModelInfo | undefined>;
  write(key: string, model: ModelInfo): Promise<void>;
}

export class InspectionsOnDisk implements InspectionStore {
  constructor(
    private readonly dir: string,
    /** What made the entries (Dyno's and ONNX Runtime's versions): another version's are misses. */
    private readonly version: string,
    private readonly maxEntries = 256,
  ) {}

  private fileOf(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }

  async read(key: string): Promise<ModelInfo | undefined> {
    let text: string;
    try {
      text = await readFile(this.fileOf(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = EntrySchema.safeParse(JSON.parse(text));
      return entry.success && entry.data.key === key && entry.data.version === this.version ? entry.data.model : undefined;
    } catch {
      return undefined; // Not JSON (a torn write from another tool): inspected again, and rewritten.
    }
  }

  async write(key: string, model: ModelInfo): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true });
      const file = this.fileOf(key);
      // Whole or not at all: a reader never sees half a file.
      const partial = `${file}.${process.pid}.tmp`;
      await writeFile(partial, JSON.stringify({ key, version: this.version, model }));
      await rename(partial, file);
      await this.prune();
    } catch {
      // A full disk or a read-only home: the next start inspects again.
    }
  }

  private async prune(): Promise<void> {
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.json'));
    if (names.length <= this.maxEntries) return;
    const aged = await Promise.all(names.map(async (n) => ({ n, at: (await stat(join(this.dir, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
    aged.sort((a, b) => b.at - a.at);
    await Promise.all(aged.slice(this.maxEntries).map(({ n }) => unlink(join(this.dir, n)).catch(() => undefined)));
  }
}
