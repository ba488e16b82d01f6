// What a re-render must not lose: text the reader typed, choices made, focus and scroll position.
// Inputs are matched by id, which the renderer derives from form id and field name, so the same
// field keeps its id across revisions (and a removed field simply drops its value).

export interface Saved {
  readonly values: ReadonlyMap<string, string | boolean>;
  readonly focus: string | null;
  readonly x: number;
  readonly y: number;
}

export function saveState(root: Element): Saved {
  const values = new Map<string, string | boolean>();
  for (const c of Array.from(root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[id], textarea[id]'))) {
    if (c instanceof HTMLInputElement && (c.type === 'checkbox' || c.type === 'radio')) {
      if (c.checked !== c.defaultChecked) values.set(c.id, c.checked);
    } else if (c.value !== c.defaultValue) values.set(c.id, c.value);
  }
  const active = document.activeElement;
  const focus = active !== null && active.id !== '' && root.contains(active) ? active.id : null;
  return { values, focus, x: window.scrollX, y: window.scrollY };
}

export function restoreState(root: Element, saved: Saved): void {
  for (const [id, value] of saved.values) {
    const c = document.getElementById(id);
    if (c === null || !root.contains(c)) continue;
    if (c instanceof HTMLInputElement && typeof value === 'boolean') c.checked = value;
    else if ((c instanceof HTMLInputElement || c instanceof HTMLTextAreaElement) && typeof value === 'string') c.value = value;
  }
  const focus = saved.focus === null ? null : document.getElementById(saved.focus);
  if (focus !== null && root.contains(focus)) focus.focus({ preventScroll: true });
  if (window.scrollX !== saved.x || window.scrollY !== saved.y) window.scrollTo(saved.x, saved.y);
}
