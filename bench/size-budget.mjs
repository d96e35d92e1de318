/*
 * The size budget of what `dist/` ships to browsers (issue 5, part 4): every .js and .css file in
 * dist/ (the drop-in, whatever it loads from beside itself, the ES module and its chunks) must be
 * named in bench/budgets.json, exactly or by a `*` pattern, with a ceiling in raw, gzip (level 9)
 * and brotli (quality 11) bytes. test/built/size-budget.test.mjs runs this after the build.
 */
import {readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {join, relative, sep} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {sizes} from './sizes.mjs';

export const MEASURES = ['raw', 'gzip', 'brotli'];

/** Built files that never reach a visitor's page: the CLI and the record receiver (Node; its stats page is the site owner's) and the studio (a tool). */
const NOT_SHIPPED = /^(cli|records[\w-]*|studio[\w-]*)\.js$/;

/**
 * The files of `dir` (recursively) that ship to browsers: .js, .mjs and .css; not .d.ts nor maps,
 * nor the CLI and the studio.
 */
export function shippedFiles(root, dir = 'dist') {
  return readdirSync(join(root, dir), {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile() && /\.(m?js|css)$/.test(entry.name) && !NOT_SHIPPED.test(entry.name))
    .map((entry) =>
      relative(root, join(entry.parentPath ?? entry.path, entry.name))
        .split(sep)
        .join('/')
    )
    .sort();
}

/** `{path, raw, gzip, brotli}` for each shipped file. */
export function measureFiles(root, paths) {
  return paths.map((path) => ({path, ...sizes(readFileSync(join(root, path)))}));
}

const patternOf = (key) =>
  new RegExp(
    `^${key
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}$`
  );

/** The budget entry for `path`: its exact key, else the first `*` pattern that matches it. */
export function budgetFor(path, budgets) {
  if (Object.hasOwn(budgets, path)) return path;
  return Object.keys(budgets).find((key) => key.includes('*') && patternOf(key).test(path));
}

/**
 * Compares measured files with their budgets. Returns `{rows, problems}`: one row per file (its
 * sizes, its budget key), and one sentence per problem: a file over a ceiling, a file with no
 * budget, a budget with no ceiling for a measure, an exact budget for a file the build no longer
 * writes.
 */
export function checkBudgets(files, budgets) {
  const problems = [];
  const rows = files.map((file) => {
    const key = budgetFor(file.path, budgets);
    if (key === undefined) {
      problems.push(
        `${file.path} (${file.raw} B raw, ${file.gzip} B gzip, ${file.brotli} B brotli) has no budget: add it to bench/budgets.json`
      );
      return {...file, key: null};
    }
    for (const measure of MEASURES) {
      const ceiling = budgets[key][measure];
      if (typeof ceiling !== 'number') problems.push(`budget "${key}" has no ${measure} ceiling`);
      else if (file[measure] > ceiling)
        problems.push(`${file.path} is ${file[measure]} B ${measure}, over its budget of ${ceiling} B by ${file[measure] - ceiling} B`);
    }
    return {...file, key};
  });
  for (const key of Object.keys(budgets)) {
    if (!key.includes('*') && !files.some((f) => f.path === key))
      problems.push(`budget "${key}" names a file the build does not write: remove or rename it`);
  }
  return {rows, problems};
}

/** A plain-text table of the sizes against their budgets. */
export function formatRows(rows, budgets) {
  const cell = (row, measure) => {
    const ceiling = row.key ? budgets[row.key][measure] : undefined;
    return `${row[measure]}${ceiling === undefined ? '' : ` / ${ceiling}`}`;
  };
  const lines = [['file', ...MEASURES.map((m) => `${m} (B / budget)`)], ...rows.map((r) => [r.path, ...MEASURES.map((m) => cell(r, m))])];
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  return lines.map((l) => l.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')).join('\n');
}

/**
 * Budgets set from `files` with `headroom` (0.01: 1 % above each size, rounded up): each exact key
 * gets its file's sizes, each `*` key the largest of the files it matches. Keys that match no file
 * are left out, so a renamed file cannot keep an old ceiling. A key marked `"fixed": true` is a
 * ceiling chosen, not measured (each words file, whichever language it holds: bench/budgets.json): it
 * stays as it is.
 */
export function tightBudgets(files, budgets, headroom = 0.01) {
  const tight = {};
  for (const key of Object.keys(budgets)) {
    const matched = files.filter((file) => budgetFor(file.path, budgets) === key);
    if (!matched.length) continue;
    if (budgets[key].fixed === true) {
      tight[key] = budgets[key];
      continue;
    }
    tight[key] = Object.fromEntries(MEASURES.map((m) => [m, Math.ceil(Math.max(...matched.map((f) => f[m])) * (1 + headroom))]));
  }
  return tight;
}

// `node bench/size-budget.mjs --tighten` (`npm run budgets`): after `npm run build`, rewrites
// bench/budgets.json to 1 % above what dist/ ships now, and prints what changed. A file with no
// budget is named, not budgeted: say in your note why it is new.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const path = join(root, 'bench/budgets.json');
  const json = JSON.parse(readFileSync(path, 'utf8'));
  const files = measureFiles(root, shippedFiles(root));
  const {problems} = checkBudgets(files, json.files);
  if (process.argv.includes('--tighten')) {
    const tight = tightBudgets(files, json.files);
    for (const [key, was] of Object.entries(json.files)) {
      const now = tight[key];
      if (!now) console.log(`${key}: removed (no such file)`);
      else if (MEASURES.some((m) => now[m] !== was[m]))
        console.log(`${key}: ${MEASURES.map((m) => `${m} ${was[m]} -> ${now[m]}`).join(', ')}`);
    }
    writeFileSync(path, JSON.stringify({...json, files: tight}, null, 2) + '\n');
  }
  const unbudgeted = problems.filter((p) => p.includes('has no budget'));
  for (const problem of process.argv.includes('--tighten') ? unbudgeted : problems) console.log(problem);
  process.exitCode = problems.length && !process.argv.includes('--tighten') ? 1 : unbudgeted.length ? 1 : 0;
}
