/** `bin.get`, `bin.setPurge` and `bin.empty`: the bin of deleted runs (store/run-bin.ts), through the contract. */
import type { RunBin } from '../store/run-bin';
import type { Handlers } from './handlers';

export function binHandlers(bin: RunBin): Pick<Handlers, 'bin.get' | 'bin.setPurge' | 'bin.empty'> {
  return {
    'bin.get': () => bin.summary(),
    'bin.setPurge': ({ purgeAfterDays }) => {
      bin.setPurgeAfterDays(purgeAfterDays);
      return bin.summary();
    },
    'bin.empty': () => ({ purged: bin.empty() }),
  };
}
