/**
 * Parses `nvidia-smi --query-gpu=… --format=csv[,nounits]` output by its header, so field order,
 * driver renames and units do not matter: "power.draw [W]" and "69.85 W" become power.draw = 69.85.
 * "[N/A]", "[Not Supported]", "N/A" and "[Requested functionality has been deprecated]" are
 * absent readings (null), never zero.
 */
import type { GpuReading } from '../../shared/telemetry';

/** The fields Dyno streams, in order. Throttle reasons were renamed around driver 530. */
export function queryFields(eventReasonsField: 'clocks_event_reasons.active' | 'clocks_throttle_reasons.active'): string[] {
  return [
    'index', 'uuid', 'name', 'utilization.gpu', 'utilization.memory', 'memory.used', 'memory.total',
    'power.draw', 'power.limit', 'temperature.gpu', 'clocks.sm', 'clocks.mem', 'pstate', eventReasonsField,
  ];
}

/** The header names nvidia-smi prints, without their " [unit]" suffix. */
export function headerFields(headerLine: string): string[] {
  return headerLine.split(',').map((h) => h.trim().replace(/\s*\[[^\]]*\]$/, ''));
}

function isAbsent(v: string | undefined): boolean {
  return v === undefined || v === '' || v === 'N/A' || /^\[.*\]$/.test(v);
}

function num(v: string | undefined): number | null {
  if (isAbsent(v)) return null;
  const m = /^-?\d+(\.\d+)?/.exec(v as string);
  return m ? Number(m[0]) : null;
}

function text(v: string | undefined): string | null {
  return isAbsent(v) ? null : (v as string);
}

/** Aliases across drivers: the first name present in the header wins. */
const ALIASES: Record<string, string[]> = {
  smClock: ['clocks.sm', 'clocks.current.sm'],
  memClock: ['clocks.mem', 'clocks.current.memory'],
  throttle: ['clocks_event_reasons.active', 'clocks_throttle_reasons.active'],
  power: ['power.draw', 'power.draw.instant', 'power.draw.average'],
};

export function parseRow(fields: readonly string[], line: string, tMs: number): GpuReading | null {
  const values = line.split(',').map((v) => v.trim());
  if (values.length !== fields.length) return null;
  const get = (name: string): string | undefined => values[fields.indexOf(name)];
  const first = (key: string): string | undefined => {
    const name = ALIASES[key]?.find((n) => fields.includes(n));
    return name ? get(name) : undefined;
  };
  const index = num(get('index'));
  if (index === null) return null;
  const throttle = text(first('throttle'));
  return {
    tMs,
    index,
    uuid: text(get('uuid')),
    name: text(get('name')),
    utilGpuPct: num(get('utilization.gpu')),
    utilMemPct: num(get('utilization.memory')),
    memUsedMiB: num(get('memory.used')),
    memTotalMiB: num(get('memory.total')),
    powerW: num(first('power')),
    powerLimitW: num(get('power.limit')),
    tempC: num(get('temperature.gpu')),
    smClockMHz: num(first('smClock')),
    memClockMHz: num(first('memClock')),
    pstate: text(get('pstate')),
    // A bit mask: 0x1 is "GPU idle", anything else a real throttle (power cap, thermal, ...).
    throttleReasons: throttle === null ? null : Number.parseInt(throttle, 16),
  };
}

/** Whole output (header + rows), as from a one-shot query or a captured file. */
export function parseQueryGpuCsv(output: string, tMs: number): GpuReading[] {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const [header, ...rows] = lines;
  if (!header) return [];
  const fields = headerFields(header);
  return rows.flatMap((r) => {
    const reading = parseRow(fields, r, tMs);
    return reading ? [reading] : [];
  });
}
