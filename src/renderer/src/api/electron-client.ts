/** The contract over Electron's preload bridge (window.dyno, see src/preload). */
import { ApiCallError, EventSchema, type DynoApi, type Method, type Params, type Result } from '../../../shared/contract';
import { parseResult } from './parse-result';

export interface PreloadBridge {
  call(method: string, params: unknown): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
  pathForFile(file: File): string;
  /** The desktop app's dyno:// links (absent from bridges that predate them). */
  onOpenLink?(listener: (hash: string) => void): () => void;
}

/** Electron flattens IPC errors to a message; the host packs {message, code} into it as JSON. */
function unpackError(err: unknown): ApiCallError {
  const text = err instanceof Error ? err.message : String(err);
  const json = /(\{.*\})\s*$/.exec(text)?.[1];
  if (json) {
    try {
      const { message, code } = JSON.parse(json) as { message: string; code: string };
      return new ApiCallError(message, code);
    } catch {
      /* fall through */
    }
  }
  return new ApiCallError(text, 'failed');
}

export function createElectronApi(bridge: PreloadBridge): DynoApi {
  return {
    async call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
      let raw: unknown;
      try {
        raw = await bridge.call(method, params);
      } catch (err) {
        throw unpackError(err);
      }
      return parseResult(method, raw);
    },
    onEvent(listener) {
      // The host sends a live batch as one array (one message, one task here).
      return bridge.onEvent((raw) => {
        for (const one of Array.isArray(raw) ? raw : [raw]) {
          const parsed = EventSchema.safeParse(one);
          if (parsed.success) listener(parsed.data);
        }
      });
    },
  };
}
