// A row the table of held kinds (src/core/held-kinds.ts) does not have, and an esbuild plugin that
// gives the table that row: the build in which test/node/held-kinds.test.mjs and
// test/e2e/held-kinds.test.mjs see each consumer follow the table.
import {readFileSync} from 'node:fs';

/** A kind of its own, with a placeholder, a Trusted Types sink and a child that holds a URL for it. */
export const DUMMY_ROW = `'x-held': {held: ['src'], sinks: ['src'], placeholder: 1, children: {'x-part': ['href']}},`;

/** esbuild, with src/core/held-kinds.ts given the dummy row. */
export const withDummyRow = {
  name: 'held-kinds-dummy-row',
  setup(build) {
    build.onLoad({filter: /src\/core\/held-kinds\.ts$/}, ({path}) => {
      const text = readFileSync(path, 'utf8');
      const at = 'export const HELD_KINDS: Readonly<Record<string, HeldKind>> = {\n';
      if (!text.includes(at)) throw new Error(`src/core/held-kinds.ts no longer opens its table with ${at}`);
      return {contents: text.replace(at, `${at}  ${DUMMY_ROW}\n`), loader: 'ts'};
    });
  },
};
