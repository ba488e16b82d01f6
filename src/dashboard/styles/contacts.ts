// The contacts, lists, imports and segments pages (src/dashboard/pages/contacts*.ts).
export const CONTACTS_CSS = `
.contacts-danger{color:var(--err)}.contacts-suppressed{color:var(--err)}
.contacts-import progress{width:min(24rem,100%);height:1.2rem;vertical-align:middle}.contacts-import-status{display:block}
.contacts-errors code,.contacts-attributes code{white-space:pre-wrap;overflow-wrap:anywhere}
.segment-builder{display:grid;gap:.75rem;max-width:48rem}.segment-builder>button{justify-self:start}.rule-row [hidden]{display:none}
.rule-row{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.35rem .5rem;align-items:center;border:1px solid var(--muted);border-radius:.4rem;padding:.5rem}
.rule-row .remove-rule{grid-column:1/-1;justify-self:start}.rule-row .error{grid-column:1/-1;margin:0}
.segment-count output{font-size:1.6rem;font-weight:700}pre.contacts-rule{overflow-x:auto;max-width:100%}
`;
