// The compose page and the message page's device previews (src/dashboard/pages/compose.ts, previews.ts).
export const COMPOSE_CSS = `
.compose{display:grid;gap:1rem;max-width:40rem}.compose fieldset{display:grid;gap:.4rem;border:1px solid var(--muted);border-radius:.5rem;padding:.75rem;min-width:0}
.compose legend{font-weight:600;padding:0 .25rem}.compose textarea,.compose input,.compose select{max-width:100%;box-sizing:border-box;width:100%}
.compose input[type=checkbox]{width:auto}.compose button{justify-self:start}
.compose-attached{list-style:none;padding:0;margin:0;display:grid;gap:.4rem}.compose-attached li{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;overflow-wrap:anywhere}
.compose-attached img{object-fit:cover;border-radius:.25rem}.compose-fit-error td{color:var(--err)}
.compose-previews .compose-devices{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}
.compose-device{margin:0;flex:1 1 18rem;max-width:22rem;min-width:0}.compose-device figcaption{font-weight:600;margin-bottom:.4rem}
.compose-phone{border:10px solid #222;border-radius:2rem;background:#fff;color:#111;min-height:20rem;max-height:38rem;overflow:auto;padding:.75rem .5rem}
.compose-screen{margin:-.75rem -.5rem}.compose-device-note{color:#444;padding:.5rem}
.compose-slides{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}.compose-slide{border:1px solid #ccc;border-radius:.5rem;padding:.5rem;background:#fafafa}
.compose-slide img{display:block;max-width:100%;height:auto;margin:0 auto}.compose-slide-no,.compose-slide-facts{margin:0;font-size:.8rem;color:#444}
.compose-slide-text{margin:.4rem 0;white-space:pre-wrap;overflow-wrap:anywhere}.compose-slide-file{font-family:monospace}
.compose-sms-bubble{margin:.25rem 0;max-width:85%;padding:.5rem .75rem;border-radius:1rem;background:#e5e5ea;color:#000;white-space:pre-wrap;overflow-wrap:anywhere}
.compose-segments{font-size:.8rem;color:#444;padding-left:1.2rem}.compose-sent{padding-left:1.2rem}.compose-mms-files{list-style:none;padding:0;margin:.5rem 0 0}
`;
