// The overview's rules; uPlot's stylesheet is the frame's (assets.ts).
export const OVERVIEW_CSS = `
.figure-row{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
.figures dl{display:grid;grid-template-columns:repeat(auto-fill,minmax(7rem,1fr));gap:.5rem;margin:0}
.figures dl div{border:1px solid var(--muted);border-radius:.4rem;padding:.4rem .6rem}.figures dt{color:var(--muted);font-size:.85rem}.figures dd{margin:0;font-size:1.4rem;font-weight:600}
.chart-figure{margin:1rem 0}.chart{max-width:100%;overflow:hidden}.chart .u-legend{font-size:.85rem}
.plain{list-style:none;margin:0;padding:0}
.health{font-weight:600}.health-ok{color:#1a7f37}.health-degraded{color:#9a6700}.health-failing{color:var(--err)}.health-idle{color:var(--muted)}
@media (prefers-color-scheme:dark){.health-ok{color:#57d37a}.health-degraded{color:#e3b341}}
`;
