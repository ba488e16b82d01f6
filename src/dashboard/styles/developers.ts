// The developers' pages: their section links, secrets shown once, forms inside table rows.
export const DEVELOPERS_CSS = `
.subnav ul{display:flex;flex-wrap:wrap;gap:.5rem 1rem;list-style:none;margin:0 0 1rem;padding:0}.subnav a[aria-current=page]{font-weight:700}
.secret{border:2px solid var(--accent);border-radius:.4rem;padding:.5rem 1rem;margin:1rem 0}.secret-value{font-size:1.05rem;user-select:all}
td form{margin:0}
.search .field{display:flex;flex-direction:column;gap:.15rem}
`;
