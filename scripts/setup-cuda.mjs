#!/usr/bin/env node
// `npm run setup:cuda`: fetch ONNX Runtime's CUDA execution provider libraries (large, so not
// in the npm package and skipped at install). Needs the network and, to run, CUDA 12 + cuDNN 9.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'cuda12' };
delete env.npm_config_onnxruntime_node_install;
const r = spawnSync(process.execPath, ['script/install.js'], { cwd: 'node_modules/onnxruntime-node', stdio: 'inherit', env });
if (r.status !== 0) console.error('dyno: could not fetch the CUDA provider libraries (is the network reachable?).');
process.exit(r.status ?? 1);
