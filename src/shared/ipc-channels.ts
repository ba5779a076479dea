/** Electron IPC channel names: one for calls (invoke/handle), one for host events. */
export const IPC_CALL = 'dyno:call';
export const IPC_EVENT = 'dyno:event';
