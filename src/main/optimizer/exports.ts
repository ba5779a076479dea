/**
 * The recommended configuration in the forms users take elsewhere: ONNX Runtime session-options
 * JSON (onnxruntime-node's vocabulary, from the same sessionOptionsFor the worker uses, so the
 * export is what was measured), Python, Node and C++ snippets, and the equivalent
 * onnxruntime_perf_test command line.
 */
import type { RunConfig } from '../../shared/run';
import { sessionOptionsFor } from '../engine/session-options';
import { shellQuote as quote } from '../../shared/cli-command';

export interface Exports {
  sessionOptions: Record<string, unknown>;
  python: string;
  node: string;
  cpp: string;
  perfTest: string;
}

const PY_LEVEL = { disabled: 'ORT_DISABLE_ALL', basic: 'ORT_ENABLE_BASIC', extended: 'ORT_ENABLE_EXTENDED', all: 'ORT_ENABLE_ALL' } as const;
const PERF_TEST_LEVEL = { disabled: 0, basic: 1, extended: 2, all: 99 } as const;
const PY_PROVIDER = { cpu: 'CPUExecutionProvider', cuda: 'CUDAExecutionProvider', tensorrt: 'TensorrtExecutionProvider', webgpu: 'WebGpuExecutionProvider' } as const;


function python(config: RunConfig): string {
  const k = config.session;
  const lines = [
    'import onnxruntime as ort',
    '',
    'so = ort.SessionOptions()',
    `so.graph_optimization_level = ort.GraphOptimizationLevel.${PY_LEVEL[k.graphOptimizationLevel]}`,
    `so.execution_mode = ort.ExecutionMode.${k.executionMode === 'parallel' ? 'ORT_PARALLEL' : 'ORT_SEQUENTIAL'}`,
    ...(k.intraOpThreads > 0 ? [`so.intra_op_num_threads = ${k.intraOpThreads}`] : []),
    ...(k.interOpThreads > 0 ? [`so.inter_op_num_threads = ${k.interOpThreads}`] : []),
    ...(k.enableCpuMemArena ? [] : ['so.enable_cpu_mem_arena = False']),
    ...(k.enableMemPattern ? [] : ['so.enable_mem_pattern = False']),
  ];
  const provider = PY_PROVIDER[k.executionProvider];
  const providers =
    k.executionProvider === 'cuda'
      ? `[("CUDAExecutionProvider", {"device_id": ${k.cuda.deviceId}, "cudnn_conv_algo_search": "${k.cuda.cudnnConvAlgoSearch}", "enable_cuda_graph": "${k.cuda.enableCudaGraph ? 1 : 0}"}), "CPUExecutionProvider"]`
      : k.executionProvider === 'cpu'
        ? '["CPUExecutionProvider"]'
        : `["${provider}", "CPUExecutionProvider"]`;
  lines.push(`session = ort.InferenceSession(${JSON.stringify(config.modelPath)}, so, providers=${providers})`);
  if (config.batchSize !== undefined && config.batchSize > 1) lines.push(`# feed batches of ${config.batchSize} (the leading dimension of each input)`);
  return lines.join('\n') + '\n';
}

function node(config: RunConfig, options: Record<string, unknown>): string {
  return [
    "import * as ort from 'onnxruntime-node';",
    '',
    `const session = await ort.InferenceSession.create(${JSON.stringify(config.modelPath)}, ${JSON.stringify(options, null, 2)});`,
    ...(config.batchSize !== undefined && config.batchSize > 1 ? [`// feed batches of ${config.batchSize} (the leading dimension of each input)`] : []),
  ].join('\n') + '\n';
}

function cpp(config: RunConfig): string {
  const k = config.session;
  const lines = [
    '#include <onnxruntime_cxx_api.h>',
    '',
    'Ort::Env env(ORT_LOGGING_LEVEL_WARNING, "dyno");',
    'Ort::SessionOptions so;',
    `so.SetGraphOptimizationLevel(GraphOptimizationLevel::${PY_LEVEL[k.graphOptimizationLevel]});`,
    `so.SetExecutionMode(ExecutionMode::${k.executionMode === 'parallel' ? 'ORT_PARALLEL' : 'ORT_SEQUENTIAL'});`,
    ...(k.intraOpThreads > 0 ? [`so.SetIntraOpNumThreads(${k.intraOpThreads});`] : []),
    ...(k.interOpThreads > 0 ? [`so.SetInterOpNumThreads(${k.interOpThreads});`] : []),
    ...(k.enableCpuMemArena ? [] : ['so.DisableCpuMemArena();']),
    ...(k.enableMemPattern ? [] : ['so.DisableMemPattern();']),
  ];
  if (k.executionProvider === 'cuda') {
    lines.push(
      'OrtCUDAProviderOptionsV2* cuda = nullptr;',
      'Ort::GetApi().CreateCUDAProviderOptions(&cuda);',
      `const char* keys[] = {"device_id", "cudnn_conv_algo_search", "enable_cuda_graph"};`,
      `const char* values[] = {"${k.cuda.deviceId}", "${k.cuda.cudnnConvAlgoSearch}", "${k.cuda.enableCudaGraph ? 1 : 0}"};`,
      'Ort::GetApi().UpdateCUDAProviderOptions(cuda, keys, values, 3);',
      'so.AppendExecutionProvider_CUDA_V2(*cuda);',
    );
  } else if (k.executionProvider !== 'cpu') {
    lines.push(`so.AppendExecutionProvider("${k.executionProvider === 'webgpu' ? 'WebGPU' : 'TensorRT'}", {});`);
  }
  lines.push(`Ort::Session session(env, ${JSON.stringify(config.modelPath)}, so);`);
  return lines.join('\n') + '\n';
}

/** `onnxruntime_perf_test` with the same session settings, random inputs (-I) and the same iteration count. */
function perfTest(config: RunConfig, batchDim: string | undefined): string {
  const k = config.session;
  const args = ['onnxruntime_perf_test', '-I', '-e', k.executionProvider, '-o', String(PERF_TEST_LEVEL[k.graphOptimizationLevel]), '-m', 'times', '-r', String(config.stop.minIterations)];
  if (k.intraOpThreads > 0) args.push('-x', String(k.intraOpThreads));
  if (k.interOpThreads > 0) args.push('-y', String(k.interOpThreads));
  if (k.executionMode === 'parallel') args.push('-P');
  if (!k.enableCpuMemArena) args.push('-A');
  if (!k.enableMemPattern) args.push('-M');
  if (k.executionProvider === 'cuda') args.push('-i', `device_id|${k.cuda.deviceId} cudnn_conv_algo_search|${k.cuda.cudnnConvAlgoSearch} enable_cuda_graph|${k.cuda.enableCudaGraph ? 1 : 0}`);
  if (config.batchSize !== undefined && config.batchSize > 1 && batchDim) args.push('-f', `${batchDim}:${config.batchSize}`);
  args.push(config.modelPath);
  return args.map(quote).join(' ');
}

export function exportsFor(config: RunConfig, batchDim?: string): Exports {
  const { logSeverityLevel: _quiet, ...sessionOptions } = sessionOptionsFor(config.session);
  return { sessionOptions, python: python(config), node: node(config, sessionOptions), cpp: cpp(config), perfTest: perfTest(config, batchDim) };
}
