// Status messages. The page-wide announcer is a visually hidden live region that lives outside the
// rendered message, so re-renders do not remove it; status paragraphs next to a control are
// created before their request starts, because screen readers ignore live regions that appear
// already filled.

export interface Announcer {
  readonly node: HTMLElement;
  say(text: string): void;
}

export function createAnnouncer(): Announcer {
  const node = document.createElement('p');
  node.className = 'porm-vh'; // visually hidden, from the page's message.css
  node.setAttribute('role', 'status');
  return {
    node,
    say(text: string): void {
      // Cleared first and refilled a moment later so the same text ("Copied" twice) is read again.
      node.textContent = '';
      window.setTimeout(() => {
        node.textContent = text;
      }, 50);
    },
  };
}

/** The `<p role="status" class="cls">` that is a direct child of `parent`, created (empty) when missing. */
export function statusIn(parent: Element, cls: string): HTMLElement {
  for (const child of Array.from(parent.children)) {
    if (child instanceof HTMLElement && child.tagName === 'P' && child.classList.contains(cls) && child.getAttribute('role') === 'status') return child;
  }
  const p = document.createElement('p');
  p.className = cls;
  p.setAttribute('role', 'status');
  parent.append(p);
  return p;
}
