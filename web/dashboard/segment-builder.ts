import { ruleOf, type SegmentRow } from '../../src/dashboard/segment-form.ts';

// The segment builder, live: as the rules change, builds the same rules document the form posts
// (src/dashboard/segment-form.ts) and asks the session-protected /dashboard/segments/count how many
// contacts it matches, a moment after the typing stops; adds and removes rule rows in place.
// Without this script the page's buttons do the same through the server.

const DEBOUNCE_MS = 300;
const form = document.querySelector<HTMLFormElement>('form.segment-builder');

function rowsOf(f: HTMLFormElement): SegmentRow[] {
  return [...f.querySelectorAll<HTMLElement>('.rule-row')].map((row) => ({
    field: row.querySelector<HTMLSelectElement>('[name=field]')?.value ?? '',
    key: row.querySelector<HTMLInputElement>('[name=key]')?.value ?? '',
    op: row.querySelector<HTMLSelectElement>('[name=op]')?.value ?? '',
    value: row.querySelector<HTMLInputElement>('[name=value]')?.value ?? '',
  }));
}

/** Row numbers, ids and labels after a row came or went. */
function renumber(f: HTMLFormElement): void {
  f.querySelectorAll<HTMLElement>('.rule-row').forEach((row, i) => {
    row.dataset.row = String(i);
    const legend = row.querySelector('legend');
    if (legend) legend.textContent = `Rule ${i + 1}`;
    for (const part of ['field', 'key', 'op', 'value']) {
      row.querySelector(`[name=${part}]`)?.setAttribute('id', `rule-${i}-${part}`);
      row.querySelector(`label[for$="-${part}"]`)?.setAttribute('for', `rule-${i}-${part}`);
    }
    const remove = row.querySelector<HTMLButtonElement>('.remove-rule');
    if (remove) {
      remove.value = String(i);
      remove.textContent = `Remove rule ${i + 1}`;
    }
  });
  f.querySelector('output#segment-count')?.setAttribute('for', [...f.querySelectorAll('[name=value]')].map((v) => v.id).join(' '));
}

/** The attribute name matters only to attribute rules: hidden (still sent, so rows stay aligned) for the others. */
function showKeys(f: HTMLFormElement): void {
  for (const row of f.querySelectorAll<HTMLElement>('.rule-row')) {
    const hide = row.querySelector<HTMLSelectElement>('[name=field]')?.value !== 'attribute';
    for (const el of row.querySelectorAll<HTMLElement>('[name=key], label[for$="-key"]')) el.hidden = hide;
  }
}

function clearErrors(scope: ParentNode): void {
  scope.querySelectorAll('.rule-row .error').forEach((e) => e.remove());
  scope.querySelectorAll('[aria-invalid]').forEach((e) => { e.removeAttribute('aria-invalid'); e.removeAttribute('aria-describedby'); });
}

if (form) {
  const csrf = form.querySelector<HTMLInputElement>('input[name=csrf]')?.value ?? '';
  const output = form.querySelector<HTMLOutputElement>('#segment-count');
  const note = form.querySelector<HTMLElement>('.segment-count-error');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;

  const count = async (): Promise<void> => {
    const mine = ++asked;
    const rule = ruleOf(rowsOf(form), form.querySelector<HTMLSelectElement>('[name=match]')?.value ?? 'all');
    form.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch('/dashboard/segments/count', {
        method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify({ csrf, rule }),
      });
      const body: unknown = await res.json().catch(() => null);
      if (mine !== asked) return; // a newer question is on its way
      const answer = (typeof body === 'object' && body !== null ? body : {}) as { count?: unknown; code?: unknown; message?: unknown };
      if (res.ok && typeof answer.count === 'number') {
        if (output) output.textContent = String(answer.count);
        if (note) note.textContent = '';
      } else {
        if (output) output.textContent = '—';
        if (note) note.textContent = `${typeof answer.message === 'string' ? answer.message : `HTTP ${res.status}`} ${typeof answer.code === 'string' ? answer.code : ''}`.trim();
      }
    } finally {
      if (mine === asked) form.removeAttribute('aria-busy');
    }
  };
  const soon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => { void count(); }, DEBOUNCE_MS);
  };

  form.addEventListener('input', soon);
  form.addEventListener('change', () => { showKeys(form); soon(); });
  form.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest('button');
    if (!button) return;
    const rows = form.querySelector('.rule-rows');
    if (button.classList.contains('add-rule') && rows) {
      event.preventDefault();
      const last = rows.querySelector('.rule-row:last-of-type');
      if (!last || rows.children.length >= 20) return;
      const copy = last.cloneNode(true) as HTMLElement;
      clearErrors(copy);
      copy.querySelectorAll<HTMLInputElement>('input').forEach((i) => { i.value = ''; });
      copy.querySelectorAll<HTMLSelectElement>('select').forEach((s) => { s.selectedIndex = 0; });
      rows.append(copy);
      renumber(form);
      showKeys(form);
      copy.querySelector<HTMLSelectElement>('[name=field]')?.focus();
      soon();
    } else if (button.classList.contains('remove-rule') && rows) {
      event.preventDefault();
      const row = button.closest('.rule-row');
      if (rows.children.length > 1) row?.remove();
      else row?.querySelectorAll<HTMLInputElement>('input').forEach((i) => { i.value = ''; });
      renumber(form);
      rows.querySelector<HTMLSelectElement>('.rule-row:last-of-type [name=field]')?.focus();
      soon();
    }
  });
  showKeys(form);
  void count();
}
