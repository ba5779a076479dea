/**
 * `dyno bench --baseline … --fail-if-slower`, through the built CLI: a run slower than its
 * baseline beyond the limit exits 3, and two single runs of one configuration never read faster
 * or slower. That second verdict compares two real runs, so this file runs alone (vitest.config.ts):
 * a neighbouring test file loading one run and not the other would tip it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { CONV2D, tempHome } from '../helpers/temp-home';
import { dynoCli } from '../helpers/dyno-cli';

let t: ReturnType<typeof tempHome>;
beforeAll(() => (t = tempHome()));
afterAll(() => t.cleanup());

const dyno = (...args: string[]) => dynoCli(t.home, ...args);

describe('regression gating', () => {
  it('exits 3 when the median is slower than the baseline by more than the limit, 0 when not', async () => {
    // A baseline file is a real export (read back with the format's reader), made impossibly fast.
    const first = JSON.parse((await dyno('bench', CONV2D, '--iterations', '50', '--json')).stdout);
    const fast = join(t.home, 'impossibly-fast.json');
    writeFileSync(fast, JSON.stringify({ ...first, stats: { ...first.stats, p50_ms: 1e-6, mean_ms: 1e-6, std_ms: 0 } }));
    const slower = await dyno('bench', CONV2D, '--iterations', '50', '--baseline', fast, '--fail-if-slower', '5');
    expect(slower.code).toBe(3);
    expect(slower.stderr).toMatch(/run \S+ is [\d.]+× slower than impossibly-fast\.json \(95 % CI [\d.]+–[\d.]+\)/);
    expect(slower.stderr).toMatch(/regression: median [\d.]+% slower than the baseline \(limit 5%\): at least [\d.]+% by the 95 % interval/);

    const same = await dyno('bench', CONV2D, '--iterations', '50', '--baseline', first.run.id, '--fail-if-slower', '1000', '--json');
    expect(same.code).toBe(0);
    // Two single runs of one configuration: never a verdict of faster or slower on this machine's noise.
    const baseline = JSON.parse(same.stdout).baseline;
    expect(baseline).toMatchObject({ ref: `run ${first.run.id}`, ratio: expect.any(Number), ciLow: expect.any(Number), ciHigh: expect.any(Number), evidence: 'single-runs' });
    expect(['inconclusive', 'no meaningful difference']).toContain(baseline.verdict);
  });

});
