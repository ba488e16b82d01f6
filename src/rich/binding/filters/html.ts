import { stringify } from '../values.ts';
import { unary, type FilterTable } from './types.ts';

// HTML/URL helpers from Liquid's standard set. They transform text; they are not the renderer's
// output escaping, which happens later and per target format.

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
const UNESCAPES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&#34;': '"', '&#39;': "'" };

function escape(str: string): string {
  return str.replace(/[&<>"']/g, (m) => ESCAPES[m]!);
}

// LiquidJS's linear scanner (a regex equivalent is quadratic on unclosed openers).
function stripHtml(str: string): string {
  const blocks = new Map([['<script', '</script>'], ['<style', '</style>'], ['<!--', '-->'], ['<', '>']]);
  let out = '';
  let i = 0;
  while (i < str.length) {
    const lt = str.indexOf('<', i);
    if (lt < 0) return out + str.slice(i);
    out += str.slice(i, lt);
    for (const [opener, closer] of blocks) {
      if (!str.startsWith(opener, lt)) continue;
      const e = str.indexOf(closer, lt + opener.length);
      if (e >= 0) {
        i = e + closer.length;
        break;
      }
      blocks.delete(opener);
    }
    if (i <= lt) return out + str.slice(lt);
  }
  return out;
}

export const htmlFilters: FilterTable = {
  escape: unary((v, rt) => rt.checkString(escape(stringify(v)))),
  escape_once: unary((v, rt) => rt.checkString(escape(stringify(v).replace(/&(amp|lt|gt|#34|#39);/g, (m) => UNESCAPES[m]!)))),
  url_encode: unary((v, rt) => rt.checkString(encodeURIComponent(stringify(v).toWellFormed()).replace(/%20/g, '+'))),
  strip_html: unary((v) => stripHtml(stringify(v))),
  newline_to_br: unary((v, rt) => rt.checkString(stringify(v).replace(/\r?\n/gm, '<br />\n'))),
};
