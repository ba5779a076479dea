/**
 * What the early script (early-connection.ts) hands the API client (ws-client.ts): apart, so the
 * client's type needs none of the page globals the early script reads.
 */
export interface EarlyConnection {
  readonly socket: WebSocket;
  /** The answer frame (its raw text) of the early call with exactly this method and params; each is handed out once. */
  claim(method: string, params: unknown): Promise<string> | undefined;
  /** Every later frame that is not an early call's answer goes to `onFrame`, after those that came meanwhile, in order. */
  takeOver(onFrame: (data: string) => void): void;
}
