// The developers' pages: secrets shown once (their section links and forms in table rows are the frame's).
export const DEVELOPERS_CSS = `
.dev-secret{border:2px solid var(--accent);border-radius:.4rem;padding:.5rem 1rem;margin:1rem 0}.dev-secret-value{font-size:1.05rem;user-select:all}
`;
