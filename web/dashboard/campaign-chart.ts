import uPlot from 'uplot';

// A campaign's series as a uPlot line chart, drawn from the table that follows it on the page
// (the chart's text alternative, which stays): the data are the server's, read from the DOM, so
// nothing inline is needed under the Content-Security-Policy. uPlot sets element styles from
// script (CSSOM), which the policy allows; its stylesheet is part of porm's (styles/campaigns.ts).

const SERIES = [
  { label: 'sent', stroke: '#0b5cad' },
  { label: 'delivered', stroke: '#1a7f37' },
  { label: 'clicks', stroke: '#b35900' },
  { label: 'opt-outs', stroke: '#b00020' },
  { label: 'conversions', stroke: '#6f42c1' },
];

function tableData(table: HTMLTableElement): uPlot.AlignedData {
  const rows = [...table.tBodies[0]?.rows ?? []];
  const xs = rows.map((r) => Number(r.dataset.t));
  const columns = SERIES.map((_, i) => rows.map((r) => Number(r.cells[i + 1]?.textContent ?? '0')));
  return [xs, ...columns];
}

function draw(host: HTMLElement, table: HTMLTableElement): void {
  const data = tableData(table);
  const step = Number(table.dataset.step) || 3600;
  const xs = data[0];
  const first = xs[0] ?? 0;
  const last = xs[xs.length - 1] ?? first;
  const width = (): number => Math.max(280, host.clientWidth);
  // Canvas does not read CSS, so the axes take the page's text colour (light or dark) from it.
  const ink = getComputedStyle(host).color;
  const chart = new uPlot({
    width: width(), height: 240,
    // The heading and table say UTC; the axis too, whatever the browser's zone.
    tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    legend: { show: false },
    cursor: { show: false },
    // Half a bucket either side, so one bucket is a point in the middle rather than a range of years.
    scales: { x: { time: true, range: (): uPlot.Range.MinMax => [first - step / 2, last + step / 2] } },
    axes: [{ stroke: ink }, { stroke: ink }],
    series: [{}, ...SERIES.map((s) => ({ label: s.label, stroke: s.stroke, width: 2, points: { show: true, size: 6 } }))],
  }, data, host);
  // Follows the page's width (a phone turned, a window resized) without scrolling sideways.
  new ResizeObserver(() => chart.setSize({ width: width(), height: 240 })).observe(host);
  host.dataset.drawn = 'true';
}

for (const host of document.querySelectorAll<HTMLElement>('[data-chart-for]')) {
  const table = document.getElementById(host.dataset.chartFor ?? '');
  if (table instanceof HTMLTableElement) draw(host, table);
}
