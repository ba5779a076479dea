/** The sample models bundled in resources/models, described by samples.json beside them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SampleModel } from '../../shared/model';

const ManifestSchema = z.object({
  samples: z.array(
    z.object({ id: z.string(), file: z.string(), name: z.string(), description: z.string(), default: z.boolean().optional() }),
  ),
});

export function loadSamples(modelsDir: string): SampleModel[] {
  const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(modelsDir, 'samples.json'), 'utf8')));
  return manifest.samples.map((s) => ({
    id: s.id,
    name: s.name,
    description: s.description,
    path: join(modelsDir, s.file),
    isDefault: s.default ?? false,
  }));
}
