// `npm run release`: what a site serves, and nothing else, from the build (`npm run release` builds
// first, so the release is never older than the source):
//   release/consent-banner-<version>/      the folder to copy to a site
//   release/consent-banner-<version>.zip   the same files, in that folder
// (version: package.json's). It holds the drop-in (consent-banner.min.js), every file the drop-in
// fetches from beside itself (src/drop-in.ts: `consent-banner-<name>[.<language>].min.js`), the
// manifest's JSON Schema, and a README of five lines. No CLI, studio, typings, ES module chunks nor
// source maps: they are for npm users and contributors, not for a web root.
// The list comes from the source, not from a copy of it: the modules are the members of `Modules`
// in src/loader/modules.ts, one file each; those typed `WordsModule` (src/view-contract.ts: the
// words) are one file per language of UI_LANGUAGES (src/core/language.ts, which the build reads too).
// It writes inside the output folder only (`--out`, default release/), and there it replaces only
// this version's folder and zip.
import {mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';
import {zipSync} from 'fflate';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A problem to say in one line, without a stack trace. */
export class ReleaseError extends Error {}

/**
 * The modules of src/loader/modules.ts (the members of `Modules`, a name such as `session` or
 * `'first-layer'`), in order: `{name, perLanguage}`. A member typed `WordsModule` holds words: one
 * file per language.
 */
export function modulesOf(source) {
  const body = source.match(/export interface Modules \{([^}]*)\}/)?.[1];
  const members = [...(body ?? '').matchAll(/^\s*(?:([\w]+)|'([\w-]+)'): (\w+);/gm)];
  if (!members.length)
    throw new ReleaseError(
      'src/loader/modules.ts holds no `export interface Modules {name: Type; …}`: the release lists the modules from it'
    );
  return members.map(([, name, quoted, type]) => ({name: name ?? quoted, perLanguage: type === 'WordsModule'}));
}

/** UI_LANGUAGES of src/core/language.ts. */
export function languagesOf(source) {
  const list = source.match(/export const UI_LANGUAGES = \[([^\]]*)\]/)?.[1];
  if (!list)
    throw new ReleaseError('src/core/language.ts holds no `export const UI_LANGUAGES = [...]`: the release lists the languages from it');
  // The tags as written, quoted, whatever the line breaks and a trailing comma.
  return [...list.matchAll(/'([^']+)'/g)].map(([, tag]) => tag);
}

/**
 * What the release holds, in order: `{name, from}`, each file's name in the release and its
 * source (relative to the repository), or `{name, text}` for the README.
 */
export function releaseFiles(root = ROOT, version = readVersion(root)) {
  const modules = modulesOf(readFileSync(join(root, 'src/loader/modules.ts'), 'utf8'));
  const languages = languagesOf(readFileSync(join(root, 'src/core/language.ts'), 'utf8'));
  const scripts = [
    'consent-banner.min.js',
    // The name the drop-in asks for (src/drop-in.ts).
    ...modules.flatMap(({name, perLanguage}) =>
      perLanguage ? languages.map((language) => `consent-banner-${name}.${language}.min.js`) : [`consent-banner-${name}.min.js`]
    ),
  ];
  return [
    ...scripts.map((name) => ({name, from: `dist/${name}`})),
    {name: 'cookie-manifest.schema.json', from: 'schema/cookie-manifest.schema.json'},
    {name: 'README.txt', text: readme(root, version)},
  ];
}

/** package.json's version, checked: it names a folder. */
function readVersion(root) {
  const {version} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?$/.test(version)) {
    throw new ReleaseError(`package.json's version ${JSON.stringify(version)} is not a version (1.2.3)`);
  }
  return version;
}

/** The release's README: five lines. */
function readme(root, version) {
  const {homepage} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const docs = homepage ?? "the README.md of consent-banner's source";
  return (
    [
      `consent-banner ${version}: a cookie-consent banner driven by one JSON file, your site's cookie manifest (no banner when no cookie needs consent).`,
      `Copy this folder to your site and add one line to <head>, before any tagged script: <script src="/consent-banner-${version}/consent-banner.min.js" data-manifest="/cookie-manifest.json"></script>`,
      'Keep these files together: consent-banner.min.js fetches the others from beside itself, only when a page needs them.',
      'cookie-manifest.schema.json is the manifest\'s JSON Schema, for your editor ("$schema"); no page loads it.',
      `Docs (the manifest, tagging your trackers, styling, the API): ${docs}, "Drop it in" and the sections after it.`,
    ].join('\n') + '\n'
  );
}

/**
 * Writes `<out>/consent-banner-<version>/` and `<out>/consent-banner-<version>.zip` from the build
 * in `root` (replacing only those two). Returns `{version, folder, zip, files: [{name, size}]}`.
 * Throws a ReleaseError when a file is missing or empty: nothing is written then.
 */
export function makeRelease({root = ROOT, out = join(root, 'release'), mtime = releaseTime()} = {}) {
  const version = readVersion(root);
  const files = releaseFiles(root, version).map(({name, from, text}) => {
    if (text !== undefined) return {name, bytes: new TextEncoder().encode(text)};
    let bytes;
    try {
      bytes = readFileSync(join(root, from));
    } catch {
      throw new ReleaseError(`${from} is missing: run \`npm run build\` first (\`npm run release\` does)`);
    }
    if (!bytes.length) throw new ReleaseError(`${from} is empty: run \`npm run build\` again`);
    return {name, bytes};
  });

  const base = `consent-banner-${version}`;
  const folder = join(out, base);
  const zip = `${folder}.zip`;
  rmSync(folder, {recursive: true, force: true});
  rmSync(zip, {force: true});
  mkdirSync(folder, {recursive: true});
  for (const {name, bytes} of files) writeFileSync(join(folder, name), bytes);
  writeFileSync(zip, zipSync(Object.fromEntries(files.map(({name, bytes}) => [`${base}/${name}`, [bytes, {level: 9}]])), {mtime}));
  return {version, folder, zip, files: files.map(({name, bytes}) => ({name, size: bytes.length}))};
}

/** The files' date in the zip: SOURCE_DATE_EPOCH (reproducible builds) when set, else now. */
const releaseTime = () => (process.env.SOURCE_DATE_EPOCH ? new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000) : new Date());

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const {values} = parseArgs({options: {out: {type: 'string'}}});
    const {folder, zip, files} = makeRelease({out: values.out});
    const total = files.reduce((sum, file) => sum + file.size, 0);
    const width = Math.max(...files.map((file) => file.name.length));
    console.log(`${relative(process.cwd(), folder) || folder}/: ${files.length} files, ${total} bytes`);
    for (const {name, size} of files) console.log(`  ${name.padEnd(width)}  ${String(size).padStart(6)}`);
    console.log(`${relative(process.cwd(), zip)}: ${statSync(zip).size} bytes`);
  } catch (error) {
    console.error(`release: ${error.message}`);
    process.exit(1);
  }
}
