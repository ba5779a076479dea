import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Integration files that measure nothing about time: their assertions hold however busy the
// machine is (exit codes, one-line errors, stored rows, outputs within tolerance, generous
// targets, lower bounds on a wall), so two of them may share a 2-core machine. Every other
// integration file, and any new one until it is judged and listed here, runs alone: those
// compare runs (an A/A verdict flips when a neighbour loads one side), time a query or an event
// loop, watch a telemetry clock or a watchdog, read the machine's idle cores, or follow a search
// whose path depends on what it measured (optimizer-searches-a-small-real-grid: under load its
// resumed search tried threads=2 instead of optLevel=disabled, and the test failed).
const SHARES_THE_MACHINE = [
  'bin-purges-only-with-the-setting-or-the-action',
  'bundles-import-once-and-merge-machines',
  'cli-bench-and-inspect',
  'cli-convert-prints-what-changed',
  'cli-exec-measures-commands',
  'cli-exit-codes-as-the-readme-lists',
  'cli-output-piped-into-head-ends-quietly',
  'cli-report-export-import',
  'cli-targets-gate-the-run',
  'conformance-onnx-backend-corpus',
  'electron-shell-passes-the-security-checklist',
  'engine-runs-real-models-in-a-worker',
  'graph-and-time-per-node-through-the-contract',
  'hostile-inputs-give-one-line-and-lose-nothing',
  'kill-9-mid-run-keeps-the-samples',
  'memory-cap-ends-only-the-worker',
  'onnx-executor-contains-handler-failures',
  'optimizer-gate-rejects-and-failed-trials-go-on',
  'optimizer-wizard-api-streams-cancels-resumes',
  'optimizer-wizard-inputs-folder-and-min-accuracy',
  'recent-models-are-listed-and-checked',
  'refused-runs-name-the-setting',
  'store-upgrade-from-schema-2-keeps-runs-for-sessions',
  'store-upgrades-only-after-a-backup',
  'studies-group-the-runs-they-asked-for',
  'studio-sweep-measures-a-grid-and-cancels',
  'sweep-is-stored-as-one-study',
  'trace-download-reads-only-artifacts',
  'transforms-keep-outputs-within-tolerance',
  'zoo-builds-real-models',
].map((name) => `tests/integration/${name}.test.ts`);

// Unit files that time a real process (its wakeups, the CPU its spin got, a busy neighbour
// named, a probe's deadline): alone, after the rest. Two at a time, a neighbour file starved a
// 10 ms ticker to 28 wakeups a second where the test wants over 30.
const UNIT_ALONE = [
  'telemetry/busy-processes-from-proc',
  'telemetry/cpu-load-meter',
  'telemetry/gpu-presence-and-worker-stats',
  'telemetry/process-cost-cpu-and-wakeups',
].map((name) => `tests/unit/${name}.test.ts`);

// vitest's default is one worker fewer than the cores: on CI's 2 cores, one file at a time.
const workers = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    projects: [
      // Groups run one after another: unit files, then the integration files that can share the
      // machine, two at a time, then the timing-sensitive ones alone, with nothing beside them.
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], exclude: UNIT_ALONE, environment: 'node', maxWorkers: workers, sequence: { groupOrder: 0 } } },
      // Its own group, last: projects of one groupOrder run at the same time, so beside
      // integration-alone these timing files would have a neighbour again.
      { test: { name: 'unit-alone', include: UNIT_ALONE, environment: 'node', fileParallelism: false, sequence: { groupOrder: 3 } } },
      {
        // Real ONNX Runtime sessions, worker processes and SQLite files: give them time.
        test: { name: 'integration', include: SHARES_THE_MACHINE, environment: 'node', testTimeout: 60_000, maxWorkers: 2, sequence: { groupOrder: 1 } },
      },
      {
        // Not in parallel on a 2-core machine, or they measure each other.
        test: {
          name: 'integration-alone',
          include: ['tests/integration/**/*.test.ts'],
          exclude: SHARES_THE_MACHINE,
          environment: 'node',
          testTimeout: 60_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
