/**
 * The model zoo: four architecture families at three sizes, weights drawn deterministically
 * from a seed (Glorot-uniform, so activations stay in range). Real graphs ONNX Runtime
 * optimises as it would an exported model: MLP, ResNet-style CNN, BERT-style encoder, UNet.
 */
import { mulberry32 } from '../../engine/inputs';
import { float, GraphBuilder } from './onnx-builder';
import { DEFAULT_DIMS_KEY } from '../../../shared/default-dims';

import type { ZooFamily, ZooSize } from '../../../shared/zoo-names';
export { ZOO_FAMILIES, ZOO_SIZES, type ZooFamily, type ZooSize } from '../../../shared/zoo-names';

export const ZOO_DESCRIPTIONS: Record<ZooFamily, string> = {
  mlp: 'Multilayer perceptron: MatMul + Add + Relu layers; input [batch, features].',
  resnet: 'ResNet-style CNN: 3×3 conv stem, residual basic blocks, global pooling, classifier; input [batch, 3, H, W].',
  bert: 'BERT-style encoder: embeddings, multi-head self-attention, GELU feed-forward, LayerNorm; input_ids [batch, seq].',
  unet: 'UNet: conv encoder with max-pooling, transposed-conv decoder with skip connections; input [batch, 3, H, W].',
};

const SIZES = {
  mlp: { small: { features: 256, hidden: 512, layers: 3 }, medium: { features: 1024, hidden: 2048, layers: 4 }, large: { features: 1024, hidden: 4096, layers: 6 } },
  resnet: { small: { width: 16, blocks: [1, 1], res: 64 }, medium: { width: 32, blocks: [2, 2, 2], res: 128 }, large: { width: 64, blocks: [2, 2, 2, 2], res: 224 } },
  bert: { small: { d: 128, heads: 2, layers: 2, vocab: 1000 }, medium: { d: 256, heads: 4, layers: 4, vocab: 8000 }, large: { d: 512, heads: 8, layers: 8, vocab: 8000 } },
  unet: { small: { base: 8, depth: 2, res: 64 }, medium: { base: 16, depth: 3, res: 128 }, large: { base: 32, depth: 4, res: 256 } },
} as const;

type Rand = () => number;

function glorot(rand: Rand, count: number, fanIn: number, fanOut: number): Float32Array {
  const a = Math.sqrt(6 / (fanIn + fanOut));
  return Float32Array.from({ length: count }, () => (rand() * 2 - 1) * a);
}

function conv(g: GraphBuilder, rand: Rand, x: string, cin: number, cout: number, k: number, stride = 1, relu = true): string {
  const w = g.weight('conv_w', [cout, cin, k, k], glorot(rand, cout * cin * k * k, cin * k * k, cout * k * k));
  const b = g.weight('conv_b', [cout], new Float32Array(cout));
  const pad = Math.floor(k / 2);
  const y = g.op('Conv', [x, w, b], { kernel_shape: [k, k], strides: [stride, stride], pads: [pad, pad, pad, pad] });
  return relu ? g.op('Relu', [y]) : y;
}

function linear(g: GraphBuilder, rand: Rand, x: string, fin: number, fout: number): string {
  const w = g.weight('w', [fin, fout], glorot(rand, fin * fout, fin, fout));
  const b = g.weight('b', [fout], new Float32Array(fout));
  return g.op('Add', [g.op('MatMul', [x, w]), b]);
}

function mlp(g: GraphBuilder, rand: Rand, s: (typeof SIZES)['mlp'][ZooSize]): void {
  let x = g.input('input', ['batch', s.features]);
  let width: number = s.features;
  for (let l = 0; l < s.layers - 1; l++) {
    x = g.op('Relu', [linear(g, rand, x, width, s.hidden)]);
    width = s.hidden;
  }
  g.op('Identity', [linear(g, rand, x, width, 10)], {}, 'logits');
  g.output('logits', ['batch', 10]);
}

function resnet(g: GraphBuilder, rand: Rand, s: (typeof SIZES)['resnet'][ZooSize]): void {
  let x = conv(g, rand, g.input('input', ['batch', 3, s.res, s.res]), 3, s.width, 3, 2);
  let c: number = s.width;
  s.blocks.forEach((count, stage) => {
    const cout = s.width * 2 ** stage;
    for (let b = 0; b < count; b++) {
      const stride = stage > 0 && b === 0 ? 2 : 1;
      const y = conv(g, rand, conv(g, rand, x, c, cout, 3, stride), cout, cout, 3, 1, false);
      const skip = stride !== 1 || c !== cout ? conv(g, rand, x, c, cout, 1, stride, false) : x;
      x = g.op('Relu', [g.op('Add', [y, skip])]);
      c = cout;
    }
  });
  const pooled = g.op('Flatten', [g.op('GlobalAveragePool', [x])], { axis: 1 });
  const w = g.weight('fc_w', [c, 1000], glorot(rand, c * 1000, c, 1000));
  const b = g.weight('fc_b', [1000], new Float32Array(1000));
  g.op('Gemm', [pooled, w, b], {}, 'logits');
  g.output('logits', ['batch', 1000]);
}

function layerNorm(g: GraphBuilder, x: string, d: number): string {
  const gamma = g.weight('ln_g', [d], new Float32Array(d).fill(1));
  const beta = g.weight('ln_b', [d], new Float32Array(d));
  return g.op('LayerNormalization', [x, gamma, beta], { axis: -1, epsilon: float(1e-5) });
}

/** GELU as BERT defines it: x · ½ · (1 + erf(x / √2)). */
function gelu(g: GraphBuilder, x: string): string {
  const erf = g.op('Erf', [g.op('Div', [x, g.scalar('sqrt2', Math.SQRT2)])]);
  return g.op('Mul', [g.op('Mul', [x, g.scalar('half', 0.5)]), g.op('Add', [erf, g.scalar('one', 1)])]);
}

function bert(g: GraphBuilder, rand: Rand, s: (typeof SIZES)['bert'][ZooSize]): void {
  const ids = g.input('input_ids', ['batch', 'seq'], 'int64');
  const table = g.weight('embeddings', [s.vocab, s.d], glorot(rand, s.vocab * s.d, s.vocab, s.d));
  let x = layerNorm(g, g.op('Gather', [table, ids], { axis: 0 }), s.d);
  const dh = s.d / s.heads;
  const heads = g.ints('heads_shape', [0, 0, s.heads, dh]);
  const merged = g.ints('merged_shape', [0, 0, s.d]);
  const scale = g.scalar('scale', 1 / Math.sqrt(dh));
  for (let l = 0; l < s.layers; l++) {
    const split = (t: string, perm: number[]) => g.op('Transpose', [g.op('Reshape', [t, heads])], { perm });
    const q = split(linear(g, rand, x, s.d, s.d), [0, 2, 1, 3]);
    const k = split(linear(g, rand, x, s.d, s.d), [0, 2, 3, 1]);
    const v = split(linear(g, rand, x, s.d, s.d), [0, 2, 1, 3]);
    const attn = g.op('Softmax', [g.op('Mul', [g.op('MatMul', [q, k]), scale])], { axis: -1 });
    const ctx = g.op('Reshape', [g.op('Transpose', [g.op('MatMul', [attn, v])], { perm: [0, 2, 1, 3] }), merged]);
    x = layerNorm(g, g.op('Add', [x, linear(g, rand, ctx, s.d, s.d)]), s.d);
    const ff = linear(g, rand, gelu(g, linear(g, rand, x, s.d, 4 * s.d)), 4 * s.d, s.d);
    x = layerNorm(g, g.op('Add', [x, ff]), s.d);
  }
  g.op('Identity', [x], {}, 'last_hidden_state');
  g.output('last_hidden_state', ['batch', 'seq', s.d]);
}

function unet(g: GraphBuilder, rand: Rand, s: (typeof SIZES)['unet'][ZooSize]): void {
  let x = g.input('input', ['batch', 3, s.res, s.res]);
  let c = 3;
  const skips: { name: string; channels: number }[] = [];
  for (let level = 0; level < s.depth; level++) {
    const cout = s.base * 2 ** level;
    x = conv(g, rand, conv(g, rand, x, c, cout, 3), cout, cout, 3);
    skips.push({ name: x, channels: cout });
    x = g.op('MaxPool', [x], { kernel_shape: [2, 2], strides: [2, 2] });
    c = cout;
  }
  const bottom = s.base * 2 ** s.depth;
  x = conv(g, rand, conv(g, rand, x, c, bottom, 3), bottom, bottom, 3);
  c = bottom;
  for (const skip of [...skips].reverse()) {
    const w = g.weight('up_w', [c, skip.channels, 2, 2], glorot(rand, c * skip.channels * 4, c * 4, skip.channels * 4));
    const up = g.op('ConvTranspose', [x, w], { kernel_shape: [2, 2], strides: [2, 2] });
    x = g.op('Concat', [up, skip.name], { axis: 1 });
    x = conv(g, rand, conv(g, rand, x, 2 * skip.channels, skip.channels, 3), skip.channels, skip.channels, 3);
    c = skip.channels;
  }
  g.op('Identity', [conv(g, rand, x, c, 2, 1, 1, false)], {}, 'mask_logits');
  g.output('mask_logits', ['batch', 2, s.res, s.res]);
}

export function buildZooModel(family: ZooFamily, size: ZooSize, seed: number, version: string): Uint8Array {
  const g = new GraphBuilder(`dyno-${family}-${size}`);
  const rand = mulberry32(seed);
  if (family === 'mlp') mlp(g, rand, SIZES.mlp[size]);
  else if (family === 'resnet') resnet(g, rand, SIZES.resnet[size]);
  else if (family === 'bert') bert(g, rand, SIZES.bert[size]);
  else unet(g, rand, SIZES.unet[size]);
  // The dims the zoo's own runs use, so `dyno bench` on the file runs as it is (shared/default-dims.ts).
  const defaults = family === 'bert' ? { batch: 1, seq: 128 } : { batch: 1 };
  return g.toBytes({ 'dyno.zoo.family': family, 'dyno.zoo.size': size, 'dyno.zoo.seed': String(seed), version, [DEFAULT_DIMS_KEY]: JSON.stringify(defaults) });
}
