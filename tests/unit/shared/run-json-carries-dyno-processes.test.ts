/** A run's `conditions.dynoProcesses` survive the JSON file and come back as the store keeps them. */
import { describe, expect, it } from 'vitest';
import { runToJson } from '../../../src/shared/run-json-from-run';
import { readRunJson } from '../../../src/shared/run-json-reader';
import { EXPORTERS } from '../../../src/shared/export';
import { comparableFromJson } from '../../../src/shared/compare/comparable-run';
import type { MeasurementConditions } from '../../../src/shared/conditions';
import { RunSchema } from '../../../src/shared/run';
import { HAND_MADE_RUNS } from '../../helpers/hand-made-runs';

const conditions: MeasurementConditions = {
  display: 'none',
  workerCores: 2,
  machineCores: 2,
  intraOpThreads: 1,
  busyProcesses: [{ pid: 10, name: 'tsc', cpuPct: 40 }],
  dynoProcesses: { host: { pid: 9, cpuPct: 1.1, wakeupsPerS: 11.4, threads: 11, eventLoopPct: 2.3 }, worker: { pid: 12, cpuPct: 99.2, wakeupsPerS: 0.7, threads: 6 } },
};

describe("Dyno's own processes in the run JSON", () => {
  it('are written in the file’s units and read back unchanged', () => {
    const base = HAND_MADE_RUNS['completed, server scenario']!;
    if (base.status !== 'completed') throw new Error('the fixture is a completed run');
    const run = RunSchema.parse({ ...base, results: { ...base.results, conditions } });
    const doc = runToJson(run, [], 'dyno@0.1.0');
    expect(doc.conditions?.dynoProcesses).toEqual({
      host: { pid: 9, cpu_pct: 1.1, wakeups_per_s: 11.4, threads: 11, event_loop_pct: 2.3 },
      worker: { pid: 12, cpu_pct: 99.2, wakeups_per_s: 0.7, threads: 6 },
    });
    const [back] = readRunJson(EXPORTERS.json.render([doc]));
    expect(comparableFromJson(back!, 'r').conditions).toEqual(conditions);
  });
});
