/**
 * ONNX Runtime session options from Dyno's session knobs: the one place where a configuration
 * becomes ORT's vocabulary, shared by the benchmark worker and the provider probe.
 */
import type * as ort from 'onnxruntime-node';
import type { SessionKnobs } from '../../shared/run-config';

export function executionProvidersFor(k: SessionKnobs): ort.InferenceSession.SessionOptions['executionProviders'] {
  switch (k.executionProvider) {
    case 'cpu':
      return [{ name: 'cpu', useArena: k.enableCpuMemArena }];
    case 'cuda':
      return [
        {
          name: 'cuda',
          deviceId: k.cuda.deviceId,
          // ORT's CUDA provider reads these as provider options (strings on the wire).
          ...({ cudnn_conv_algo_search: k.cuda.cudnnConvAlgoSearch, enable_cuda_graph: k.cuda.enableCudaGraph ? '1' : '0' } as object),
        } as ort.InferenceSession.ExecutionProviderConfig,
        'cpu',
      ];
    case 'tensorrt':
      return [{ name: 'tensorrt', deviceId: k.cuda.deviceId } as ort.InferenceSession.ExecutionProviderConfig, 'cuda', 'cpu'];
    case 'webgpu':
      return ['webgpu', 'cpu'];
  }
}

export function sessionOptionsFor(k: SessionKnobs, extra: Partial<ort.InferenceSession.SessionOptions> = {}): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: executionProvidersFor(k),
    graphOptimizationLevel: k.graphOptimizationLevel,
    executionMode: k.executionMode,
    enableCpuMemArena: k.enableCpuMemArena,
    enableMemPattern: k.enableMemPattern,
    ...(k.intraOpThreads > 0 ? { intraOpNumThreads: k.intraOpThreads } : {}),
    ...(k.interOpThreads > 0 ? { interOpNumThreads: k.interOpThreads } : {}),
    ...(Object.keys(k.freeDimensionOverrides).length > 0 ? { freeDimensionOverrides: k.freeDimensionOverrides } : {}),
    // Warnings (e.g. unused initializers) are for model authors; keep stderr for errors.
    logSeverityLevel: 3,
    ...extra,
  };
}
