import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The campaign and compliance pages' rules, with uPlot's own stylesheet (read from the package
// when porm starts, so the dashboard's one stylesheet carries it: no CDN, style-src 'self').

const UPLOT_CSS = readFileSync(createRequire(import.meta.url).resolve('uplot/dist/uPlot.min.css'), 'utf8');

export const CAMPAIGNS_CSS = `${UPLOT_CSS}
/* The main nav wraps: with the Campaigns and Compliance entries it no longer fits a 390 px phone on one line. */
nav ul{flex-wrap:wrap;row-gap:.25rem}
.wizard{display:grid;gap:.75rem;max-width:40rem}.wizard label{display:block;font-weight:600}.wizard small{display:block;color:var(--muted)}
.wizard input:not([type=checkbox]):not([type=radio]),.wizard select,.wizard textarea{width:100%;box-sizing:border-box;font:inherit;padding:.4rem}
.step,.variant{border:1px solid var(--muted);border-radius:.4rem;padding:.75rem;display:grid;gap:.5rem;min-width:0}
.step legend{font-weight:700}.sub{font-size:1rem;margin:.25rem 0;font-weight:600}.choices{list-style:none;padding:0;margin:0;display:grid;gap:.25rem}
.choices label,.wizard p label{display:inline;font-weight:400}.muted{color:var(--muted)}
.field-error{color:var(--err);margin:0}.field-error code{font-size:.85em}[aria-invalid=true]{border:2px solid var(--err)}
.variants{display:grid;gap:.5rem}.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}.actions form{margin:0}
button.secondary{background:transparent;border:1px solid var(--muted);color:var(--fg)}a.button{display:inline-block;padding:.4rem .8rem;border:1px solid var(--accent);border-radius:.3rem;text-decoration:none}
progress{width:12rem;max-width:100%;vertical-align:middle}.progress-text{white-space:nowrap}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem;margin:1rem 0}.figures div{border:1px solid var(--muted);border-radius:.4rem;padding:.5rem}
.figures dt{color:var(--muted);font-size:.9rem}.figures dd{margin:0;font-size:1.4rem;font-weight:700}.figures small{display:block;font-size:.8rem;font-weight:400;color:var(--muted)}
.badge{display:inline-block;padding:0 .4rem;border-radius:.6rem;background:var(--accent);color:var(--bg);font-size:.8rem}.winner-row th,.winner-row td{font-weight:700}
.chart{margin:1rem 0;max-width:100%;overflow:hidden}.chart-canvas{width:100%;min-height:1rem;color:var(--fg)}
.chart-key{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0;margin:.5rem 0}.chart-key li::before{content:"";display:inline-block;width:1rem;height:.25rem;margin-right:.3rem;vertical-align:middle;background:currentColor}
.key-sent{color:#0b5cad}.key-delivered{color:#1a7f37}.key-clicks{color:#b35900}.key-opt_outs{color:#b00020}.key-conversions{color:#6f42c1}
@media (prefers-color-scheme:dark){.key-sent{color:#7ab8ff}.key-delivered{color:#6fdd8b}.key-clicks{color:#ffb366}.key-opt_outs{color:#ff8a8a}.key-conversions{color:#c9a7ff}}
.standing{display:grid;gap:.25rem 1rem;grid-template-columns:minmax(0,max-content) minmax(0,1fr)}.standing dd{margin:0;overflow-wrap:anywhere}.standing dt{font-weight:600}
@media (max-width:40rem){.standing{grid-template-columns:minmax(0,1fr)}.standing dd{margin-bottom:.5rem}}.ok{color:#1a7f37}.warn{color:var(--err);font-weight:600}
@media (prefers-color-scheme:dark){.ok{color:#6fdd8b}}
.subnav{margin-bottom:1rem}.inline-form{display:inline;margin:0}.lookup{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}.lookup div{display:grid}
`;
