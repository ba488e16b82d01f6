// porm's mark, as SVG text (a module, not a file beside it: dist/ is a flat esbuild bundle).
// The logo's word is white: swagger-ui's top bar is dark.

export const PORM_LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="150" height="40" viewBox="0 0 150 40" role="img" aria-label="porm">
  <title>porm</title>
  <rect x="2" y="4" width="32" height="32" rx="8" fill="#2f6fed"/>
  <path d="M10 13h16a3 3 0 0 1 3 3v7a3 3 0 0 1-3 3h-9l-5 4v-4h-2a3 3 0 0 1-3-3v-7a3 3 0 0 1 3-3z" fill="#fff"/>
  <circle cx="13" cy="19.5" r="1.6" fill="#2f6fed"/><circle cx="18" cy="19.5" r="1.6" fill="#2f6fed"/><circle cx="23" cy="19.5" r="1.6" fill="#2f6fed"/>
  <text x="44" y="29" font-family="-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="24" font-weight="700" fill="#ffffff">porm</text>
</svg>
`;

export const PORM_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
  <rect width="32" height="32" rx="8" fill="#2f6fed"/>
  <path d="M8 9h16a3 3 0 0 1 3 3v7a3 3 0 0 1-3 3h-9l-5 4v-4H8a3 3 0 0 1-3-3v-7a3 3 0 0 1 3-3z" fill="#fff"/>
</svg>
`;
