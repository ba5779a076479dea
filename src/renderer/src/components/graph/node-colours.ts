/**
 * Node fills: by operator family (Netron's convention: layers, activations, pooling,
 * normalisation, shape and data movement) or, over a profiled run, by share of time.
 */
export type OpFamily = 'layer' | 'activation' | 'pool' | 'norm' | 'shape' | 'other';

const FAMILIES: [OpFamily, RegExp][] = [
  ['layer', /^(Fused)?(Conv|ConvTranspose|Gemm|MatMul|MatMulInteger|QLinearConv|QLinearMatMul|Attention|LSTM|GRU|RNN|Einsum)/],
  ['activation', /^(Relu|LeakyRelu|PRelu|Sigmoid|Tanh|Gelu|FastGelu|BiasGelu|Softmax|LogSoftmax|Elu|Selu|HardSigmoid|HardSwish|Softplus|Clip|Erf|Mish)$/],
  ['pool', /Pool$/],
  ['norm', /(Normalization|LRN|Dropout)/],
  ['shape', /^(Reshape|Transpose|Concat|Split|Slice|Gather|GatherElements|Squeeze|Unsqueeze|Flatten|Shape|Expand|Pad|Tile|Cast|Identity|ConstantOfShape|Constant|Reorder\w*)$/],
];

export function opFamily(opType: string): OpFamily {
  return FAMILIES.find(([, re]) => re.test(opType))?.[0] ?? 'other';
}

export const FAMILY_FILL: Record<'dark' | 'light', Record<OpFamily, string>> = {
  dark: { layer: '#2f4f73', activation: '#6b2f36', pool: '#2f5a3f', norm: '#3b4d66', shape: '#5a4a3c', other: '#3a3f4b' },
  light: { layer: '#c9daf1', activation: '#f2cfd3', pool: '#cfe8d6', norm: '#d6deeb', shape: '#eadfd2', other: '#e2e5ea' },
};

export const FAMILY_NAMES: Record<OpFamily, string> = { layer: 'layer', activation: 'activation', pool: 'pooling', norm: 'normalisation', shape: 'shape / data', other: 'other' };

/** Cold (little time) to hot (the most): a node's share of time relative to the slowest node's. */
const COLD: Record<'dark' | 'light', [number, number, number]> = { dark: [40, 52, 70], light: [226, 232, 240] };
const HOT: [number, number, number] = [232, 89, 12];

/** sqrt spreads the many small shares apart; 0 → cold, 1 → hot. */
export function heatColour(fraction: number, theme: 'dark' | 'light'): string {
  const f = Math.sqrt(Math.min(Math.max(fraction, 0), 1));
  const c = COLD[theme];
  const mix = (i: 0 | 1 | 2): number => Math.round(c[i] + (HOT[i] - c[i]) * f);
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

/** Short badge text for an ORT provider name. */
export function providerBadge(provider: string): string {
  const known: Record<string, string> = {
    CPUExecutionProvider: 'CPU',
    CUDAExecutionProvider: 'CUDA',
    TensorrtExecutionProvider: 'TRT',
    WebGpuExecutionProvider: 'WebGPU',
    JsExecutionProvider: 'JS',
  };
  return known[provider] ?? provider.replace(/ExecutionProvider$/, '');
}
