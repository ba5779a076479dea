/** The report's look: readable printed or on screen, dark when the reader's system is. */
export const REPORT_STYLE = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #6b7280; --line: #e5e7eb; --differs: rgba(240,180,60,0.16); --flag: #b45309; }
@media (prefers-color-scheme: dark) { :root { --bg: #15181e; --fg: #d7dae0; --muted: #8b93a1; --line: #2a2f3a; --differs: rgba(240,180,60,0.12); --flag: #f0b43c; } }
body { margin: 0 auto; max-width: 1200px; padding: 24px; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; } h3 { font-size: 14px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
thead th { font-weight: 600; } tbody th { font-weight: 500; color: var(--muted); }
tr.differs td, tr.differs th { background: var(--differs); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
.muted { color: var(--muted); } .flag { color: var(--flag); font-size: 11px; border: 1px solid var(--flag); border-radius: 3px; padding: 0 3px; }
.flag-line { color: var(--flag); }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px; }
figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: 4px; } .chart { height: 340px; }
.verdict-faster { color: #3ecf8e; font-weight: 600; } .verdict-slower { color: #e5534b; font-weight: 600; } .verdict-inconclusive, .verdict-not-enough-samples { color: var(--flag); }
.target-pass strong { color: #3ecf8e; } .target-fail strong { color: #e5534b; } .target-unknown strong { color: var(--flag); }
ul.warnings { padding-left: 18px; } ul.warnings li { margin: 2px 0; }
`;
