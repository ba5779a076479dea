/**
 * `dyno optimize` as a user runs it (the built CLI, real ONNX Runtime trials in worker
 * processes, a real SQLite file) on a small zoo MLP over a small grid: the JSON carries the
 * fields issue 12 lists, every trial is a run of one optimizer study, the exports and report are
 * written; a search killed with SIGKILL resumes and reuses what it had measured; a budget no
 * candidate can keep names the binding constraint; a time budget too short says the minimum.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { tempHome } from '../helpers/temp-home';
import type { OptimizeJson } from '../../src/shared/optimizer/result';

const exec = promisify(execFile);
let t: ReturnType<typeof tempHome>;
let mlp: string;
beforeAll(async () => {
  t = tempHome();
  mlp = join(t.home, 'mlp.onnx');
  await exec(process.execPath, [resolve('bin/dyno.js'), 'zoo', 'mlp', '--size', 'small', '-o', mlp]);
});
afterAll(() => t.cleanup());

const env = (): NodeJS.ProcessEnv => ({ ...process.env, DYNO_HOME: t.home });
/** Short trials: this is about the search, not about the figures. */
const SHORT = ['--trial-duration', '0.2', '--trial-iterations', '20', '--warmup', '2'];
const dyno = (...args: string[]) => exec(process.execPath, [resolve('bin/dyno.js'), ...args], { env: env() });

function studyRuns(studyId: string): { kind: string; runs: { id: string; status: string }[] } {
  const db = new Database(join(t.home, 'dyno.db'), { readonly: true });
  try {
    const study = db.prepare('SELECT kind FROM studies WHERE id = ?').get(studyId) as { kind: string };
    const runs = db.prepare('SELECT id, status FROM runs WHERE study_id = ? ORDER BY created_at').all(studyId) as { id: string; status: string }[];
    return { kind: study.kind, runs };
  } finally {
    db.close();
  }
}

describe('dyno optimize', () => {
  it('searches threads × batch for throughput, stores every trial in one study, and exports the winner', async () => {
    const out = join(t.home, 'out');
    const { stdout } = await dyno('optimize', mlp, '--objective', 'throughput', '--factors', 'threads,batch', '--rounds', '2', '--top', '1', '--time-budget', '5m', '--out', out, '--json', ...SHORT);
    const r = JSON.parse(stdout) as OptimizeJson;
    expect(r.study).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.baseline.figures?.throughputPerS).toBeGreaterThan(0);
    expect(r.baseline.config.session.intraOpThreads).toBe(0);
    // One change at a time: every thread count tried alone, batch grown ×4 from 4.
    const singles = r.trials.filter((x) => x.phase === 'single').map((x) => x.candidate);
    expect(singles).toContain('threads=1');
    expect(singles).toContain('batch=4');
    for (const trial of r.trials) {
      expect(trial.status).toBe('completed');
      expect(trial.figures?.unit).toBe('/s');
      // FP32 knob changes keep the outputs: the gate measured them and let them through.
      expect(trial.fidelity?.maxAbsError).toBeLessThanOrEqual(1e-3);
      expect(trial.fidelity?.top1Agreement).toBe(1);
    }
    for (const trial of r.trials.filter((x) => !x.phase.startsWith('re-measure'))) expect(trial.verdict?.ciLow).not.toBeUndefined();
    expect(r.batchCurve.map((b) => b.batch).slice(0, 1)).toEqual([4]);
    expect(r.skipped).toContainEqual({ factor: 'precision', reason: 'not asked for (--factors)' });
    expect(r.stopped.reason).toBe('completed');
    const rec = r.recommended;
    expect(rec).not.toBeNull();
    expect(rec?.config.modelPath).toBe(mlp);
    expect(rec?.gainVsBaseline).toHaveProperty('ciLow');
    expect(rec?.gainVsBaseline).toHaveProperty('ciHigh');
    expect(rec?.fidelity?.cosine).toBeGreaterThan(0.9999);
    if (rec && rec.candidate !== 'baseline') {
      // Each factor of the winner alone, then the combination re-measured with its interaction flag.
      expect(r.attribution.at(-1)?.factor).toBe('combined');
      expect(typeof r.attribution.at(-1)?.interaction).toBe('boolean');
      expect(r.attribution.length).toBe(rec.candidate.split(' ').length + 1);
    }
    expect(rec?.exports.perfTest).toMatch(/^onnxruntime_perf_test -I -e cpu /);
    const stored = studyRuns(r.study);
    expect(stored.kind).toBe('optimizer');
    expect(stored.runs.map((x) => x.id).sort()).toEqual([r.baseline.runId, ...r.trials.map((x) => x.runId)].sort());
    for (const f of ['report.md', 'report.html', 'optimize.json', 'session-options.json', 'session.py', 'session.mjs', 'session.cpp', 'perf_test.sh']) expect(existsSync(join(out, f))).toBe(true);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('## Trials');
    expect(JSON.parse(readFileSync(join(out, 'session-options.json'), 'utf8'))).toHaveProperty('graphOptimizationLevel');
  }, 240_000);

  it('resumes a search killed with SIGKILL, reusing the trials it had measured', async () => {
    const db = join(t.home, 'dyno.db');
    const optimizerStudies = (): { study: string; done: number }[] => {
      if (!existsSync(db)) return [];
      const d = new Database(db, { readonly: true });
      try {
        return d
          .prepare("SELECT s.id AS study, (SELECT COUNT(*) FROM runs r WHERE r.study_id = s.id AND r.status = 'completed') AS done FROM studies s WHERE s.kind = 'optimizer'")
          .all() as { study: string; done: number }[];
      } catch {
        return []; // the CLI is still creating the database
      } finally {
        d.close();
      }
    };
    const earlier = new Set(optimizerStudies().map((s) => s.study));
    const child = spawn(process.execPath, [resolve('bin/dyno.js'), 'optimize', mlp, '--objective', 'latency', '--factors', 'threads,optLevel', '--rounds', '2', '--top', '1', '--time-budget', '5m', '--json', ...SHORT], { env: env(), stdio: 'ignore' });
    const exited = once(child, 'exit');
    // Kill it outright once the baseline and two single changes are stored.
    let p: { study: string; done: number } | undefined;
    for (let i = 0; i < 1200; i++) {
      p = optimizerStudies().find((s) => !earlier.has(s.study));
      if (p && p.done >= 3) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    child.kill('SIGKILL');
    await exited;
    expect(p?.done).toBeGreaterThanOrEqual(3);
    const studyId = p?.study as string;
    const measuredBefore = studyRuns(studyId).runs.filter((x) => x.status === 'completed').map((x) => x.id);

    const { stdout } = await dyno('optimize', '--resume', studyId, '--json');
    const r = JSON.parse(stdout) as OptimizeJson;
    expect(r.study).toBe(studyId);
    expect(r.stopped.reason).toBe('completed');
    const reused = [r.baseline.runId, ...r.trials.filter((x) => x.reused).map((x) => x.runId)];
    // Everything completed before the kill is reused, nothing measured twice.
    for (const id of measuredBefore) expect(reused).toContain(id);
    const keys = r.trials.filter((x) => x.phase === 'single').map((x) => x.candidate);
    expect(new Set(keys).size).toBe(keys.length);
    // The optimization levels stop after two losses in a row (untilTwoLose): whether disabled was
    // tried follows from what extended and basic measured, which on a loaded machine is chance.
    const baselineMs = r.baseline.figures?.value ?? 0;
    const lost = (key: string): boolean => {
      const x = r.trials.find((y) => y.phase === 'single' && y.candidate === key);
      return !(x && x.status === 'completed' && x.rejected === null && typeof x.figures?.value === 'number' && x.figures.value < baselineMs);
    };
    const twoLost = lost('optLevel=extended') && lost('optLevel=basic');
    expect(keys).toEqual(expect.arrayContaining(['optLevel=extended', 'optLevel=basic', 'threads=1', ...(twoLost ? [] : ['optLevel=disabled'])]));
    if (twoLost) expect(keys).not.toContain('optLevel=disabled');
    // The resumed search measured the rest into the same study.
    const after = studyRuns(studyId).runs;
    expect(after.filter((x) => x.status === 'completed').length).toBeGreaterThan(measuredBefore.length);
  }, 300_000);

  it('says which constraint binds, and by how much, when no candidate keeps it (exit 3)', async () => {
    const run = dyno('optimize', mlp, '--objective', 'latency', '--factors', 'memArena', '--budget-ms', '0.000001', '--rounds', '0', '--time-budget', '2m', ...SHORT);
    await expect(run).rejects.toMatchObject({ code: 3 });
    const { stdout } = (await run.catch((e: { stdout: string }) => e)) as { stdout: string };
    expect(stdout).toMatch(/No candidate meets the constraints; the binding one is the latency budget: .* ms is over the limit .* by .* \(\d+\.\d %\)/);
  }, 120_000);

  it('refuses a time budget too short for the baseline and says the minimum', async () => {
    const run = dyno('optimize', mlp, '--time-budget', '2s', '--trial-duration', '1');
    await expect(run).rejects.toMatchObject({ code: 1 });
    const { stderr } = (await run.catch((e: { stderr: string }) => e)) as { stderr: string };
    expect(stderr.trim()).toBe('dyno: The time budget (2 s) is too short for the baseline and one trial: the minimum is 5 s at 1 s a trial (--time-budget 5s, or a shorter --trial-duration).');
  });

  it('shows a sub-second time budget in ms, not as 0 s', async () => {
    const run = dyno('optimize', mlp, '--time-budget', '1ms', '--trial-duration', '1');
    await expect(run).rejects.toMatchObject({ code: 1 });
    const { stderr } = (await run.catch((e: { stderr: string }) => e)) as { stderr: string };
    expect(stderr.trim()).toMatch(/^dyno: The time budget \(1 ms\) is too short/);
  });

  it('refuses --min-accuracy on a feature map, naming the output and its shape, and runs no trial', async () => {
    // test_Conv2d's expected output is a [2, 4, 5, 4] feature map: no classes, so top-1 agreement is no accuracy.
    const dir = resolve('../shared/onnx-corpus/pytorch-converted/test_Conv2d');
    const run = dyno('optimize', join(dir, 'model.onnx'), '--inputs', join(dir, 'test_data_set_0'), '--min-accuracy', '0.9', '--time-budget', '1m', ...SHORT);
    await expect(run).rejects.toMatchObject({ code: 1 });
    const { stderr } = (await run.catch((e: { stderr: string }) => e)) as { stderr: string };
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      /^dyno: --min-accuracy: it cannot apply to .*test_Conv2d\/test_data_set_0: top-1 agreement is an accuracy only for a classifier's scores, shaped \[N, C\] or \[N, C, 1, 1\]; the output '.+' has shape \[2, 4, 5, 4\]; for such outputs use --max-error instead, which gates the largest difference from the FP32 baseline's and the expected outputs\.$/m,
    );
  });

  it('takes --min-accuracy on a classifier, and every trial carries its accuracy against the expected outputs', async () => {
    // test_Softmax's expected output is [10, 20]: 20 classes per row, so top-1 agreement is an accuracy.
    const dir = resolve('../shared/onnx-corpus/pytorch-converted/test_Softmax');
    const { stdout } = await dyno('optimize', join(dir, 'model.onnx'), '--inputs', join(dir, 'test_data_set_0'), '--min-accuracy', '0.99', '--factors', 'threads', '--rounds', '0', '--time-budget', '2m', '--json', ...SHORT);
    const r = JSON.parse(stdout) as OptimizeJson;
    expect(r.goal.minAccuracy).toBe(0.99);
    const measured = r.trials.filter((x) => x.status === 'completed');
    expect(measured.length).toBeGreaterThanOrEqual(1);
    for (const trial of measured) {
      expect(trial.fidelity?.accuracy, trial.candidate).toBe(1);
      expect(trial.rejected, trial.candidate).toBeNull();
    }
    expect(r.recommended).not.toBeNull();
  }, 120_000);
});
