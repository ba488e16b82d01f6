// The overview's rules; uPlot's stylesheet is the frame's (assets.ts).
export const OVERVIEW_CSS = `
.ov-figure-row{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
.ov-figures dl{display:grid;grid-template-columns:repeat(auto-fill,minmax(7rem,1fr));gap:.5rem;margin:0}
.ov-figures dl div{border:1px solid var(--muted);border-radius:.4rem;padding:.4rem .6rem}.ov-figures dt{color:var(--muted);font-size:.85rem}.ov-figures dd{margin:0;font-size:1.4rem;font-weight:600}
.ov-chart-figure{margin:1rem 0}.ov-chart{max-width:100%;overflow:hidden}.ov-chart .u-legend{font-size:.85rem}
.ov-plain{list-style:none;margin:0;padding:0}
.ov-health{font-weight:600}.ov-health-ok{color:#1a7f37}.ov-health-degraded{color:#9a6700}.ov-health-failing{color:var(--err)}.ov-health-idle{color:var(--muted)}
@media (prefers-color-scheme:dark){.ov-health-ok{color:#57d37a}.ov-health-degraded{color:#e3b341}}
.ov-health-down{color:var(--err)}.ov-health-stale{color:#9a6700}.ov-health-errors li{max-width:28rem;overflow-wrap:anywhere}
@media (prefers-color-scheme:dark){.ov-health-stale{color:#e3b341}}
`;
