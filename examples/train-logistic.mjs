#!/usr/bin/env node
// A small, real training run for `dyno exec` (plain Node, no packages): logistic regression by
// mini-batch SGD on a seeded synthetic two-class problem. It learns within a second or two on
// one core and prints its metrics as JSON lines ({"dyno": {...}}) plus one plain "acc=" line,
// so both of Dyno's metric readers have something to read.
//
//   node examples/train-logistic.mjs [--epochs 5] [--batch 32] [--lr 0.1] [--samples 20000] [--features 32] [--seed 1] [--max-steps N]
//
// More epochs or samples: slower and (up to a point) more accurate; a larger batch: fewer,
// cheaper steps per epoch; a tiny learning rate: fast but it does not learn; --max-steps stops
// training early (an early stop that is too early is fast and clearly less accurate).
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '5' },
    batch: { type: 'string', default: '32' },
    lr: { type: 'string', default: '0.1' },
    samples: { type: 'string', default: '20000' },
    features: { type: 'string', default: '32' },
    seed: { type: 'string', default: '1' },
    'max-steps': { type: 'string', default: 'Infinity' },
  },
});
const epochs = Number(values.epochs);
const batch = Number(values.batch);
const lr = Number(values.lr);
const n = Number(values.samples);
const d = Number(values.features);
const maxSteps = Number(values['max-steps']);
for (const [k, v] of Object.entries({ epochs, batch, lr, samples: n, features: d, 'max-steps': maxSteps })) {
  if (Number.isNaN(v) || v <= 0 || (!Number.isFinite(v) && k !== 'max-steps')) {
    process.stderr.write(`train-logistic: --${k} must be a positive number (got ${values[k]})\n`);
    process.exit(2);
  }
}

// mulberry32: the same data for the same seed.
let state = Number(values.seed) >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

// Labels from a hidden linear rule with 5 % of them flipped: the best reachable accuracy is about 0.95.
const truth = Float64Array.from({ length: d }, gauss);
const x = new Float64Array(n * d);
const y = new Uint8Array(n);
for (let i = 0; i < n; i++) {
  let z = 0;
  for (let j = 0; j < d; j++) {
    const v = gauss();
    x[i * d + j] = v;
    z += v * truth[j];
  }
  y[i] = (z > 0) !== random() < 0.05 ? 1 : 0;
}
const trainN = Math.floor(n * 0.8);

const w = new Float64Array(d);
let b = 0;
const sigmoid = (z) => 1 / (1 + Math.exp(-z));
function evaluate() {
  let correct = 0;
  let loss = 0;
  for (let i = trainN; i < n; i++) {
    let z = b;
    for (let j = 0; j < d; j++) z += w[j] * x[i * d + j];
    const p = sigmoid(z);
    loss -= y[i] ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12);
    if ((p > 0.5 ? 1 : 0) === y[i]) correct++;
  }
  return { loss: loss / (n - trainN), accuracy: correct / (n - trainN) };
}

const order = Uint32Array.from({ length: trainN }, (_, i) => i);
const grad = new Float64Array(d);
let step = 0;
const reportEvery = Math.max(1, Math.floor(trainN / batch / 4));
train: for (let epoch = 0; epoch < epochs; epoch++) {
  for (let i = trainN - 1; i > 0; i--) {
    const k = Math.floor(random() * (i + 1));
    [order[i], order[k]] = [order[k], order[i]];
  }
  for (let start = 0; start < trainN; start += batch) {
    const end = Math.min(trainN, start + batch);
    grad.fill(0);
    let gb = 0;
    for (let s = start; s < end; s++) {
      const i = order[s];
      let z = b;
      for (let j = 0; j < d; j++) z += w[j] * x[i * d + j];
      const e = sigmoid(z) - y[i];
      for (let j = 0; j < d; j++) grad[j] += e * x[i * d + j];
      gb += e;
    }
    const scale = lr / (end - start);
    for (let j = 0; j < d; j++) w[j] -= scale * grad[j];
    b -= scale * gb;
    step++;
    if (step % reportEvery === 0) console.log(JSON.stringify({ dyno: { step, epoch, ...evaluate() } }));
    if (step >= maxSteps) break train;
  }
}
const final = evaluate();
console.log(JSON.stringify({ dyno: { step, epoch: Math.min(epochs, step / Math.ceil(trainN / batch)), ...final } }));
console.log(`done: acc=${final.accuracy.toFixed(4)} loss=${final.loss.toFixed(4)}`);
