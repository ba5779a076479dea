/**
 * A run queue over a real SQLite file in a temp folder and a fake executor: what the queue
 * tests share. The repository is the real one, so what they assert is what a user would read
 * back; `failing` wraps one of its methods to throw on chosen calls, as a full disk would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StudioEvent } from '../../../src/shared/contract';
import { RunConfigSchema, type Run, type RunConfig } from '../../../src/shared/run';
import type { Environment } from '../../../src/shared/telemetry';
import { openDatabase } from '../../../src/main/store/database';
import { RunsRepository } from '../../../src/main/store/runs-repository';
import { RunQueue } from '../../../src/main/studio/run-queue';
import { environmentFingerprint } from '../../../src/main/telemetry/environment';
import { FakeExecutor, type Script } from './fake-executor';

let environment: Promise<Environment> | undefined;
/** This machine's real fingerprint, taken once. */
export const environmentOf = (): Promise<Environment> =>
  (environment ??= environmentFingerprint({ executionProvider: 'cpu', electronVersion: null, gpu: { available: false, gpus: [], reason: 'no GPU in this test' } }));

export function configFor(label: string, extra: Partial<RunConfig> = {}): RunConfig {
  return RunConfigSchema.parse({
    modelPath: `/models/${label}.onnx`,
    label,
    telemetry: { enabled: false },
    stop: { warmupIterations: 0, minIterations: 1, minDurationMs: 0, maxIterations: 1000, maxDurationMs: 60_000 },
    ...extra,
  });
}

export interface QueueFixture {
  queue: RunQueue;
  repo: RunsRepository;
  executor: FakeExecutor;
  events: StudioEvent[];
  closeDb(): void;
  /** Makes `repo[method]` throw `message` on the calls for which `when` is true (the real method otherwise). */
  failing<M extends 'save' | 'appendBatch'>(method: M, when: (...args: Parameters<RunsRepository[M]>) => boolean, message: string): void;
  finishAll(runs: Run[]): Promise<Run[]>;
  cleanup(): void;
}

export interface FixtureOptions {
  /** Called with every event before it is recorded; may throw, as a broken listener would. */
  onEvent?: (e: StudioEvent) => void;
  environment?: () => Promise<Environment>;
}

export function queueFixture(scriptFor: (label: string | undefined, index: number) => Script, options: FixtureOptions = {}): QueueFixture {
  const dir = mkdtempSync(join(tmpdir(), 'dyno-queue-'));
  const { db } = openDatabase(join(dir, 'dyno.db'));
  const repo = new RunsRepository(db, process.pid, () => true);
  const executor = new FakeExecutor((job, index) => scriptFor(job.config.label, index));
  const events: StudioEvent[] = [];
  const queue = new RunQueue({
    repo,
    executor,
    emit: (e) => {
      options.onEvent?.(e);
      events.push(e);
    },
    artifactsDir: join(dir, 'artifacts'),
    telemetry: { rapl: { domains: [] }, gpu: async () => ({ available: false, gpus: [] }) },
    environment: options.environment ?? environmentOf,
  });
  return {
    queue,
    repo,
    executor,
    events,
    closeDb: () => db.close(),
    failing(method, when, message) {
      const real = repo[method].bind(repo) as (...args: Parameters<RunsRepository[typeof method]>) => void;
      const wrapped = (...args: Parameters<RunsRepository[typeof method]>): void => {
        if (when(...args)) throw new Error(message);
        real(...args);
      };
      Object.assign(repo, { [method]: wrapped });
    },
    finishAll: (runs) => Promise.all(runs.map((r) => queue.whenFinished(r.id))),
    cleanup: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
