/**
 * How often the host sends a watched run's live events (batched: live-event-batcher.ts). Shared
 * so the Run view can say how often its live chart redraws, in whole batches.
 */
export const LIVE_EVENT_INTERVAL_MS = 1_000;
