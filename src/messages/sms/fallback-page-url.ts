// The hosted page of a message that fell back from MMS to SMS: its text and media, behind an
// unguessable token (the same page_token column and length as a rich message's /m/ page).

export function fallbackPagePath(token: string): string {
  return `/v/${token}`;
}

export function fallbackPageUrl(base: string, token: string): string {
  return `${base.replace(/\/$/, '')}${fallbackPagePath(token)}`;
}
