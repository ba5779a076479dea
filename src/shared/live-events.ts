/**
 * How often the host sends a watched run's live events (batched: live-event-batcher.ts). Every
 * batch wakes the page for one update and one frame, some 30 wake-ups across Chromium's
 * processes (bench/page-cost.ts): every 2 s halves what once a second cost, and the progress
 * line still moves. Shared so the Run view can say how often its live chart redraws.
 */
export const LIVE_EVENT_INTERVAL_MS = 2_000;
