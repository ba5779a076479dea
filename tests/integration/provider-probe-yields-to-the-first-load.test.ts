/**
 * At a studio's start the provider probe (a worker that loads ONNX Runtime and tries WebGPU)
 * runs beside the default sample's inspection and the first page's answers, which a user waits
 * for; so the probe's worker runs below normal priority (nice 10) from its fork on, and the
 * verdict it gives is the same.
 */
import { expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { ProviderCache } from '../../src/main/studio/provider-cache';
import { defaultWorkerSpec } from '../../src/main/studio/create-studio';
import { BACKGROUND_PRIORITY } from '../../src/main/executor/process-priority';
import { CONV2D } from '../helpers/temp-home';

/** This process's children now (Linux: from /proc), with their nice values. */
function childrenNice(): { pid: number; nice: number }[] {
  const out: { pid: number; nice: number }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 (after the parenthesised name, which may hold spaces) is the parent's pid.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) out.push({ pid: Number(entry), nice: getPriority(Number(entry)) });
    } catch {
      // Gone while listed.
    }
  }
  return out;
}

// A test process already at nice 10 or more would pass on what its children inherit.
it.runIf(process.platform === 'linux' && getPriority() < BACKGROUND_PRIORITY)('probes WebGPU in a worker at nice 10, and still gives a verdict', async () => {
  const before = new Set(childrenNice().map((c) => c.pid));
  const cache = new ProviderCache(defaultWorkerSpec(), CONV2D);
  // The fork happens as the probe is asked for: the worker is up (and reniced) when it returns.
  const verdict = cache.status('webgpu');
  const probes = childrenNice().filter((c) => !before.has(c.pid));
  expect(probes).toHaveLength(1);
  expect(probes[0]?.nice).toBe(BACKGROUND_PRIORITY);
  expect(BACKGROUND_PRIORITY).toBe(10);
  const status = await verdict;
  expect(status.name).toBe('webgpu');
  expect(status.available || (status.reason ?? '').length > 0).toBe(true);
}, 30_000);
