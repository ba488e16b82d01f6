// The template pages: the editor beside its checks and preview (stacked on a phone), the phone
// frame at the chosen width, the MMS slides, and the revisions diff with + / − marks.
export const TEMPLATES_CSS = `
.tpl-tabs ul{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0;margin:0 0 1rem}.tpl-tabs a[aria-current=page]{font-weight:700}
.tpl-button{display:inline-block;padding:.4rem .8rem;border:1px solid var(--accent);border-radius:.3rem;text-decoration:none}
.tpl-editor{display:grid;gap:1.5rem;grid-template-columns:minmax(0,1fr)}
@media (min-width:70rem){.tpl-editor{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}}
.tpl-edit .field{display:grid;gap:.25rem;margin:.5rem 0}.tpl-edit input:not([type=checkbox]),.tpl-edit select{max-width:100%}
.tpl-edit .field:has(input[type=checkbox]){display:block}
.tpl-edit textarea{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;width:100%;box-sizing:border-box;padding:.4rem;tab-size:2}
.tpl-device{border:1px solid var(--muted);border-radius:.3rem}.tpl-actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.tpl-muted{color:var(--muted)}.tpl-saved{font-weight:600}
.issues{padding-left:1.2rem}.issue{margin:.4rem 0;overflow-wrap:anywhere}.issue-kind{font-weight:700}.issue-error .issue-kind{color:var(--err)}
.issue-line{margin:.2rem 0;padding:.2rem .4rem;border-left:3px solid var(--muted);white-space:pre-wrap;overflow-wrap:anywhere;max-width:100%}
.tpl-forms{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,14rem),1fr))}
.tpl-form h3{margin:.2rem 0 .5rem}
.tpl-phone{box-sizing:border-box;border:10px solid #22262b;border-radius:1.6rem;overflow:hidden;max-width:100%;width:max-content;background:#22262b}
.tpl-phone-screen{display:block;border:0;height:34rem;max-width:100%;background:#fff}
.tpl-phone-w320{width:320px}.tpl-phone-w360{width:360px}.tpl-phone-w390{width:390px}.tpl-phone-w430{width:430px}
.tpl-forms:has(.tpl-phone){grid-template-columns:minmax(0,1fr)}
.mms-slides{list-style:none;padding:0;display:grid;gap:.5rem}.mms-slide{border:1px solid var(--muted);border-radius:.6rem;padding:.5rem}
.mms-visual{margin:.2rem 0}.mms-kind{font-weight:600;text-transform:capitalize}
.diff td{vertical-align:top}.diff-no{color:var(--muted);text-align:right;width:3rem}.diff-mark{width:1.5rem;font-weight:700;text-align:center}
.diff-text{white-space:pre-wrap;overflow-wrap:anywhere}
.diff-added{background:rgba(30,160,60,.15)}.diff-removed{background:rgba(210,40,40,.15)}.diff-folded td{color:var(--muted);font-style:italic}
`;
