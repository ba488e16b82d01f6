// The campaign (camp-…) and compliance (compl-…) pages' rules; uPlot's stylesheet is the frame's (assets.ts).
export const CAMPAIGNS_CSS = `
.camp-wizard{display:grid;gap:.75rem;max-width:40rem}.camp-wizard label{display:block;font-weight:600}.camp-wizard small{display:block;color:var(--muted)}
.camp-wizard input:not([type=checkbox]):not([type=radio]),.camp-wizard select,.camp-wizard textarea{width:100%;box-sizing:border-box;font:inherit;padding:.4rem}
.camp-step,.camp-variant{border:1px solid var(--muted);border-radius:.4rem;padding:.75rem;display:grid;gap:.5rem;min-width:0}
.camp-step legend{font-weight:700}.camp-sub{font-size:1rem;margin:.25rem 0;font-weight:600}.camp-choices{list-style:none;padding:0;margin:0;display:grid;gap:.25rem}
.camp-choices label,.camp-wizard p label{display:inline;font-weight:400}
.camp-variants{display:grid;gap:.5rem}
.camp-progress-text{white-space:nowrap}
.camp-figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem;margin:1rem 0}.camp-figures div{border:1px solid var(--muted);border-radius:.4rem;padding:.5rem}
.camp-figures dt{color:var(--muted);font-size:.9rem}.camp-figures dd{margin:0;font-size:1.4rem;font-weight:700}.camp-figures small{display:block;font-size:.8rem;font-weight:400;color:var(--muted)}
.camp-badge{display:inline-block;padding:0 .4rem;border-radius:.6rem;background:var(--accent);color:var(--bg);font-size:.8rem}.camp-winner-row th,.camp-winner-row td{font-weight:700}
.camp-chart{margin:1rem 0;max-width:100%;overflow:hidden}.camp-chart-canvas{width:100%;min-height:1rem;color:var(--fg)}
.camp-chart-key{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0;margin:.5rem 0}.camp-chart-key li::before{content:"";display:inline-block;width:1rem;height:.25rem;margin-right:.3rem;vertical-align:middle;background:currentColor}
.camp-key-sent{color:#0b5cad}.camp-key-delivered{color:#1a7f37}.camp-key-clicks{color:#b35900}.camp-key-opt_outs{color:#b00020}.camp-key-conversions{color:#6f42c1}
@media (prefers-color-scheme:dark){.camp-key-sent{color:#7ab8ff}.camp-key-delivered{color:#6fdd8b}.camp-key-clicks{color:#ffb366}.camp-key-opt_outs{color:#ff8a8a}.camp-key-conversions{color:#c9a7ff}}
.compl-standing{display:grid;gap:.25rem 1rem;grid-template-columns:minmax(0,max-content) minmax(0,1fr)}.compl-standing dd{margin:0;overflow-wrap:anywhere}.compl-standing dt{font-weight:600}
@media (max-width:40rem){.compl-standing{grid-template-columns:minmax(0,1fr)}.compl-standing dd{margin-bottom:.5rem}}.compl-ok{color:#1a7f37}.compl-warn{color:var(--err);font-weight:600}
@media (prefers-color-scheme:dark){.compl-ok{color:#6fdd8b}}
.compl-inline-form{display:inline;margin:0}.compl-lookup{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}.compl-lookup div{display:grid}
`;
