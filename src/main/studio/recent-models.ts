/**
 * The recently opened models as the picker shows them: each file checked now (a model moved or
 * deleted since is `missing`, never opened blindly), named, and marked by where it came from.
 * Browser uploads are content-addressed copies under `<home>/models`, so they stay openable and
 * are listed under the name they were uploaded with. The bundled samples have their own list.
 */
import { statSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import type { RecentModel } from '../../shared/recent-model';

export interface RecentEntry {
  path: string;
  openedAt: string;
}

function sourceOf(path: string, home: string): RecentModel['source'] {
  if (path.startsWith(join(home, 'models') + sep)) return 'imported';
  if (path.startsWith(join(home, 'zoo') + sep)) return 'zoo';
  return 'file';
}

function sizeOf(path: string): number | undefined {
  try {
    const s = statSync(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

export function describeRecentModels(entries: readonly RecentEntry[], home: string, samplePaths: ReadonlySet<string>): RecentModel[] {
  return entries
    .filter((e) => !samplePaths.has(e.path))
    .map((e) => {
      const sizeBytes = sizeOf(e.path);
      return {
        path: e.path,
        name: basename(e.path),
        openedAt: e.openedAt,
        source: sourceOf(e.path, home),
        missing: sizeBytes === undefined,
        ...(sizeBytes !== undefined ? { sizeBytes } : {}),
      };
    });
}
