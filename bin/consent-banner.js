#!/usr/bin/env node
// `npx consent-banner …`: the command-line tools (validate, explain, scan). The code is built
// from bin/src/ into dist/cli.js by `npm run build`, with the banner's own manifest check.
import {existsSync} from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('consent-banner: dist/cli.js is missing: run `npm run build` first\n');
  process.exit(2);
}
const {run} = await import(cli.href);
await run(process.argv.slice(2));
