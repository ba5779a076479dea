import { describe, expect, it } from 'vitest';
import { conditionDifferences, type MeasurementConditions } from '../../../src/shared/conditions';
import { conditionWarnings } from '../../../src/shared/warnings';

const cli: MeasurementConditions = { display: 'none', workerCores: 2, machineCores: 2, workerCpuList: '0-1', workerNice: -7, intraOpThreads: 2, busyProcesses: [{ pid: 10, name: 'node', cpuPct: 4, dynoHost: true }] };

describe('measurement conditions', () => {
  it('name what differs between two runs, in a reader’s words', () => {
    const studio: MeasurementConditions = { ...cli, display: 'live-charts', workerNice: 0, intraOpThreads: 1 };
    expect(conditionDifferences(cli, studio)).toEqual([
      { condition: 'display', message: 'Live drawing: none vs live-charts' },
      { condition: 'workerNice', message: "Worker's nice value: -7 vs 0" },
      { condition: 'intraOpThreads', message: 'Intra-op threads: 2 vs 1' },
    ]);
    expect(conditionDifferences(cli, { ...cli })).toEqual([]);
  });

  it('count busy neighbours as a difference only when one side had them (above 20 % of a core, not Dyno itself)', () => {
    const busy = { ...cli, busyProcesses: [{ pid: 11, name: 'tsc', cpuPct: 85 }] };
    expect(conditionDifferences(cli, busy)).toEqual([{ condition: 'busyProcesses', message: 'Other busy processes: none busy vs tsc 85%' }]);
    const alsoBusy = { ...cli, busyProcesses: [{ pid: 12, name: 'stryker', cpuPct: 60 }] };
    expect(conditionDifferences(busy, alsoBusy)).toEqual([]);
    const hostOnly = { ...cli, busyProcesses: [{ pid: 10, name: 'node', cpuPct: 90, dynoHost: true }] };
    expect(conditionDifferences(cli, hostOnly)).toEqual([]);
  });

  it('treat a run without recorded conditions as unknown, not different', () => {
    expect(conditionDifferences(undefined, cli)).toEqual([]);
    expect(conditionDifferences({ display: 'none', workerCores: 2, machineCores: 2 }, cli)).toEqual([]);
  });

  it('warn when the studio drew while ONNX Runtime had every core, or threads outnumber the cores', () => {
    expect(conditionWarnings(cli)).toEqual([]);
    const drawn = conditionWarnings({ ...cli, display: 'live-charts' });
    expect(drawn.map((w) => w.code)).toEqual(['drawn-on-all-cores']);
    expect(drawn[0]?.message).toContain('all 2 of the worker');
    expect(conditionWarnings({ ...cli, display: 'live-charts', intraOpThreads: 1 })).toEqual([]);
    expect(conditionWarnings({ ...cli, display: 'charts-paused' })).toEqual([]);
    const over = conditionWarnings({ ...cli, intraOpThreads: 4 });
    expect(over.map((w) => w.code)).toEqual(['threads-oversubscribed']);
    expect(over[0]?.message).toBe("4 intra-op threads on the worker's 2 cores: ONNX Runtime's threads took turns on the cores, which slows and scatters latency; use at most 2.");
  });

  it('warn about other busy processes, by name and share of a core', () => {
    const w = conditionWarnings({ ...cli, busyProcesses: [{ pid: 11, name: 'tsc', cpuPct: 85.2 }, { pid: 12, name: 'chromium', cpuPct: 21 }, { pid: 13, name: 'bash', cpuPct: 19 }] });
    expect(w.map((x) => x.code)).toEqual(['busy-processes']);
    expect(w[0]?.message).toBe(
      'Other processes used the CPU while this run measured (tsc 85% of a core, chromium 21% of a core): they took time from the benchmark; rerun on a quiet machine to be sure of the figures.',
    );
  });
});
