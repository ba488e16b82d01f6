// The absolute URL of a message's hosted page. The base is the server's public URL, known once
// it listens (config publicUrl, or the bound address); it is set once at startup, so pure code
// such as the message resource can show links without threading the config through.
let base = 'http://localhost:3000';

export function setPublicBaseUrl(url: string): void {
  base = url.replace(/\/$/, '');
}

export function publicBaseUrl(): string {
  return base;
}

export function pagePath(token: string): string {
  return `/m/${token}`;
}

export function pageUrl(token: string): string {
  return `${base}${pagePath(token)}`;
}
