/**
 * How LoadGen's early-stopping figure is named wherever it stands beside Dyno's interval. It is an
 * upper bound (LoadGen claims the percentile is at most this, at 99 % confidence), so it
 * routinely lies above Dyno's 95 % two-sided interval; unexplained, that reads as a contradiction.
 */
export const EARLY_STOPPING_LABEL = "LoadGen's upper bound";

export const EARLY_STOPPING_TITLE =
  "LoadGen's early-stopping bound: the percentile is at most this at 99 % confidence. Conservative by design, so it can lie above Dyno's 95 % interval.";
