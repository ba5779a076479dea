/** What a transform left as it was, and why: one entry per node. */
export interface SkippedNode {
  node: string;
  op: string;
  reason: string;
}

export interface TransformOutcome {
  /** Nodes rewritten (to float16, or to integer arithmetic). */
  converted: number;
  skipped: SkippedNode[];
  /** Notes on the whole model (constants clamped, weights left unquantized…). */
  notes: string[];
}
