import {readFile} from 'node:fs/promises';
import {Marked} from 'marked';
import {recordsDemo} from './records/demo.mjs';
import {onLoopback, sandboxedModules} from './scripts/dev-server-guard.mjs';

/*
 * `npm start`: serves the demo of the five seed sites on http://localhost:8000, with the
 * freshly built drop-in from dist/. The root redirects to /demo/. The studio (/studio/) links
 * to sections of the README: a browser asking for /README.md gets it as a page, its headings
 * with GitHub's ids, so `README.md#google-consent-mode-v2` lands where it does on GitHub. A
 * development aid only: nothing here reaches dist/. It serves this machine alone: it listens on
 * 127.0.0.1 and ::1, and refuses a Host that is not localhost (or a subdomain), 127.x.x.x or [::1],
 * files outside the repository and hidden ones (scripts/dev-server-guard.mjs).
 */

/**
 * The id GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens, and `-1`,
 * `-2`… after a repeated one (`taken` holds the ids given so far in the page).
 */
export function headingId(text, taken) {
  const base = text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
  let id = base;
  for (let n = 1; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** The README as an HTML page, for a browser. */
export async function readmePage(file) {
  const taken = new Set();
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({tokens, depth}) {
        const text = this.parser.parseInline(tokens, this.parser.textRenderer);
        // The text renderer keeps entities (`&amp;`): GitHub slugs the characters.
        const plain = text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ({amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'"})[e]);
        return `<h${depth} id="${headingId(plain, taken)}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
    },
  });
  const body = marked.parse(await readFile(file, 'utf8'));
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light dark">
  <title>README · consent-banner</title>
  <link rel="icon" href="/demo/favicon.svg" type="image/svg+xml">
  <style>
    body { font: 16px/1.6 system-ui, sans-serif; max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem 4rem; }
    pre, code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; }
    pre { overflow-x: auto; padding: 0.75rem; border: 1px solid #8a94a0; border-radius: 4px; }
    table { border-collapse: collapse; } th, td { border: 1px solid #8a94a0; padding: 0.25rem 0.5rem; }
    img { max-width: 100%; }
    :target { outline: 2px solid #0b5cad; outline-offset: 4px; }
  </style>
</head>
<body>
${body}</body>
</html>
`;
}

export default onLoopback(
  {
    rootDir: '.',
    port: 8000,
    hostname: 'localhost',
    nodeResolve: false,
    middleware: [
      sandboxedModules,
      function demoIndex(context, next) {
        if (context.path === '/') {
          context.redirect('/demo/');
          return undefined;
        }
        return next();
      },
      async function readmeAsPage(context, next) {
        // A browser's Accept puts text/html first; a download tool's (*/*) gets the Markdown file.
        if (context.path !== '/README.md' || context.accepts('text/markdown', 'html') !== 'html') return next();
        context.type = 'html';
        context.body = await readmePage(new URL('README.md', import.meta.url));
        return undefined;
      },
      // Dimelo's decisions go to a record receiver on this server (/records), its rates to /stats.
      recordsDemo(),
    ],
  },
  {announce: true}
);
