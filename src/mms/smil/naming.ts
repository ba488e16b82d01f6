// File names for message parts. Each part's Content-Location and Content-ID are the same name,
// and the SMIL `src` uses it, so both kinds of handset resolver (by filename, by cid:) find it.

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/jpg': 'jpg', 'image/gif': 'gif', 'image/png': 'png', 'image/vnd.wap.wbmp': 'wbmp',
  'image/bmp': 'bmp', 'image/webp': 'webp', 'video/3gpp': '3gp', 'video/3gpp2': '3g2', 'video/mp4': 'mp4',
  'audio/amr': 'amr', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/aac': 'aac', 'audio/midi': 'mid',
  'text/plain': 'txt', 'text/x-vcard': 'vcf', 'text/vcard': 'vcf', 'text/x-vcalendar': 'vcs', 'application/smil': 'smil',
};

export function extensionFor(contentType: string): string {
  return EXTENSIONS[contentType.toLowerCase()] ?? 'bin';
}

/** Hands out unique, ASCII-only part names: `image1.jpg`, `text2.txt`, or a sanitised wanted name. */
export class PartNamer {
  private readonly used = new Set<string>();
  private readonly counters = new Map<string, number>();

  name(kind: string, contentType: string, wanted?: string): string {
    const base = wanted === undefined ? '' : sanitize(wanted);
    let candidate = base;
    if (candidate === '') {
      const n = (this.counters.get(kind) ?? 0) + 1;
      this.counters.set(kind, n);
      candidate = `${kind}${n}.${extensionFor(contentType)}`;
    } else if (!candidate.includes('.')) {
      candidate = `${candidate}.${extensionFor(contentType)}`;
    }
    const dot = candidate.lastIndexOf('.');
    const stem = candidate.slice(0, dot);
    const ext = candidate.slice(dot);
    let unique = candidate;
    for (let i = 2; this.used.has(unique.toLowerCase()); i++) unique = `${stem}-${i}${ext}`;
    this.used.add(unique.toLowerCase());
    return unique;
  }
}

/** Keeps letters, digits, `.`, `_` and `-` (handsets differ on everything else); at most 64 characters. */
function sanitize(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  return last.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(-64);
}
