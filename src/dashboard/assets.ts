import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { COMPOSE_CSS } from './styles/compose.ts';
import { CONTACTS_CSS } from './styles/contacts.ts';
import { CAMPAIGNS_CSS } from './styles/campaigns.ts';
import { OVERVIEW_CSS } from './styles/overview.ts';
import { DEVELOPERS_CSS } from './styles/developers.ts';
import { TEMPLATES_CSS } from './styles/templates.ts';

// The dashboard's one stylesheet, served from porm (no CDN) at /dashboard/assets/dashboard.css: the
// frame's rules here, then each area's own (src/dashboard/styles/<area>.ts), one line each below.
export const FRAME_CSS = `
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#5b6470;--accent:#0b5cad;--err:#b00020;font-family:system-ui,sans-serif}
@media (prefers-color-scheme:dark){:root{--fg:#e6e8eb;--bg:#15181c;--muted:#a0a8b3;--accent:#7ab8ff;--err:#ff8a8a}}
body{margin:0;color:var(--fg);background:var(--bg);line-height:1.45}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;padding:.75rem 1rem;border-bottom:1px solid var(--muted)}
.brand{font-weight:700;text-decoration:none;color:var(--fg)}nav{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;flex:1}
nav ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0}nav a[aria-current=page]{font-weight:700}
.logout{margin-left:auto;display:flex;gap:.5rem;align-items:center}
main{max-width:72rem;margin:0 auto;padding:1rem}a{color:var(--accent)}
table{border-collapse:collapse;width:100%;margin:1rem 0}.table-wrap{overflow-x:auto;max-width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--muted)}
caption{text-align:left;font-weight:600}.body{max-width:24rem;min-width:10rem;overflow-wrap:anywhere}.bubble,.facts dd,code{overflow-wrap:anywhere}
.card{display:grid;gap:.5rem;max-width:24rem}.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
input,select,button{font:inherit;padding:.4rem}button{cursor:pointer}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.error{color:var(--err)}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.bubble{max-width:22rem;padding:.6rem .8rem;border-radius:1rem;background:#e5e5ea;color:#000;white-space:pre-wrap;overflow-wrap:anywhere}
.timeline{padding-left:1.2rem}.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
@media (max-width:40rem){th:nth-child(3),td:nth-child(3){display:none}}
/* Components every area's pages share, defined once here (an area's own classes carry its prefix). */
nav ul{flex-wrap:wrap;row-gap:.25rem}.logout{flex-wrap:wrap}
.field{display:grid;gap:.2rem}.field textarea{font:inherit;padding:.4rem;min-width:0}.field input,.field select,.field textarea{max-width:100%;box-sizing:border-box}.field .error{margin:0}
.search .field{display:flex;flex-direction:column;gap:.15rem}
.hint{margin:0;color:var(--muted);font-size:.9rem}.muted{color:var(--muted)}
.field-error{margin:0;color:var(--err);font-weight:600}.field-error code{font-size:.85em}[aria-invalid=true]{border:2px solid var(--err)}
.actions{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:1rem 0}.actions form,td form{margin:0}
button.secondary{background:transparent;border:1px solid var(--muted);color:var(--fg)}a.button{display:inline-block;padding:.4rem .8rem;border:1px solid var(--accent);border-radius:.3rem;text-decoration:none}
.subnav{margin-bottom:1rem}.subnav ul{display:flex;flex-wrap:wrap;gap:.5rem 1rem;list-style:none;margin:0;padding:0}.subnav a[aria-current=page]{font-weight:700}
progress{width:12rem;max-width:100%;vertical-align:middle}
`;

// uPlot's own stylesheet (the overview's and a campaign's charts), once, read from the installed
// package so it always matches the script bundled from it: served from porm, no CDN.
const UPLOT_CSS = readFileSync(createRequire(import.meta.url).resolve('uplot/dist/uPlot.min.css'), 'utf8');

export const DASHBOARD_CSS = [
  UPLOT_CSS,
  FRAME_CSS,
  COMPOSE_CSS,
  CONTACTS_CSS,
  CAMPAIGNS_CSS,
  OVERVIEW_CSS,
  DEVELOPERS_CSS,
  TEMPLATES_CSS,
].join('\n');

export const DASHBOARD_CSS_ETAG = `"${createHash('sha256').update(DASHBOARD_CSS).digest('hex').slice(0, 16)}"`;
