/**
 * Everything a report shows comes from files users are sent (model metadata, file names,
 * labels, notes, commands): it is text, never markup. `html` escapes for element content and
 * quoted attribute values; `chartLabel` does the same for plotly, which reads a few HTML tags
 * in labels and shows entities as the characters they stand for.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function html(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** plotly turns &lt; &gt; &amp; back into characters but shows other entities as typed. */
export function chartLabel(value: string): string {
  return value.replace(/[&<>]/g, (c) => ENTITIES[c] ?? c);
}
