/**
 * The API contract inside this process. The CLI and the benches hold the same `DynoApi` as the
 * renderer: parameters are parsed by the Studio, results and events by the contract's schemas,
 * exactly as over Electron IPC or the WebSocket. So a command line can do nothing a front end
 * cannot (no reaching into the queue or the store), and a contract change breaks all of them
 * at compile time alike.
 */
import { EventSchema, parseResult, type DynoApi, type Method, type Params, type Result, type StudioEvent } from '../../shared/contract';

/** What of the Studio this needs (structural, so the Studio can hold an API over itself: the optimizer's). */
export interface StudioCalls {
  call(method: unknown, params: unknown): Promise<unknown>;
  onEvent(listener: (e: StudioEvent) => void): () => void;
}

export function createInProcessApi(studio: StudioCalls): DynoApi {
  return {
    async call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
      return parseResult(method, await studio.call(method, params));
    },
    onEvent(listener) {
      return studio.onEvent((event) => {
        const parsed = EventSchema.safeParse(event);
        if (parsed.success) listener(parsed.data);
      });
    },
  };
}
