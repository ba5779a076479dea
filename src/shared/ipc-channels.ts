/** Electron IPC channel names: one for calls (invoke/handle), one for host events, one for opened links. */
export const IPC_CALL = 'dyno:call';
export const IPC_EVENT = 'dyno:event';
/** Host to window: a dyno:// link the app was asked to open, as the studio address it names (main/studio/deep-link-inbox.ts). */
export const IPC_OPEN_LINK = 'dyno:open-link';
