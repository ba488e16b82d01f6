import uPlot from 'uplot';

// The overview's charts. Each <table data-chart="NAME"> holds its data (first column the day in
// data-x, one column per series); this draws it with uPlot into the page's
// <div data-chart-for="NAME">, and redraws on resize. The table stays: it is the accessible and
// no-JavaScript form of the same figures (the chart is aria-hidden).

const COLORS = ['#0b5cad', '#1a7f37', '#b00020', '#8250df', '#bc4c00', '#57606a'];

interface ChartData { names: string[]; xs: number[]; ys: number[][] }

function read(table: HTMLTableElement): ChartData {
  const names = [...table.querySelectorAll<HTMLTableCellElement>('thead th[data-series]')].map((th) => th.dataset.series ?? '');
  const rows = [...table.querySelectorAll<HTMLTableRowElement>('tbody tr')];
  const xs = rows.map((r) => Number(r.querySelector<HTMLElement>('[data-x]')?.dataset.x ?? 0) / 1000);
  const ys = names.map((_, i) => rows.map((r) => Number(r.querySelectorAll('td')[i]?.textContent ?? 0)));
  return { names, xs, ys };
}

function draw(host: HTMLElement, data: ChartData): uPlot {
  const width = Math.max(240, host.clientWidth);
  const opts: uPlot.Options = {
    width, height: Math.round(Math.min(260, Math.max(160, width * 0.4))),
    scales: { x: { time: true } },
    series: [{}, ...data.names.map((name, i) => ({ label: name, stroke: COLORS[i % COLORS.length]!, width: 2, points: { show: true, size: 4 } }))],
    axes: [{ stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,.2)' } }, { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,.2)' } }],
    legend: { show: true },
  };
  return new uPlot(opts, [data.xs, ...data.ys], host);
}

function start(): void {
  const charts: Array<{ host: HTMLElement; data: ChartData; plot: uPlot }> = [];
  for (const table of document.querySelectorAll<HTMLTableElement>('table[data-chart]')) {
    const host = document.querySelector<HTMLElement>(`[data-chart-for="${table.dataset.chart ?? ''}"]`);
    if (!host) continue;
    const data = read(table);
    charts.push({ host, data, plot: draw(host, data) });
  }
  let pending = 0;
  window.addEventListener('resize', () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => {
      for (const c of charts) c.plot.setSize({ width: Math.max(240, c.host.clientWidth), height: c.plot.height });
    });
  });
}

start();
