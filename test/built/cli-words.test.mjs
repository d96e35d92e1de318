// `consent-banner validate` on a manifest with the site's own words (issue 25, part 5, README “A
// site's own language”): each words file is read (beside the manifest, or at its URL) and checked
// as the banner checks it; a missing or empty key, markup, a file that cannot be read: an error
// at the manifest's `words.<tag>`, naming the key, exit 1. A built-in language's entry: a warning.
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {cli} from './run-cli.mjs';

const dir = mkdtempSync(join(tmpdir(), 'cli-words-'));
after(() => rmSync(dir, {recursive: true, force: true}));
const dimelo = () => JSON.parse(readFileSync(`${root}demo/dimelo/cookie-manifest.json`, 'utf8'));
const ca = JSON.parse(readFileSync(`${root}test/fixtures/words.ca.json`, 'utf8'));

/** A manifest with `words`, and its words files, written in a folder of their own; the manifest's path. */
function site(name, words, files) {
  const folder = mkdtempSync(join(dir, `${name}-`));
  for (const [file, content] of Object.entries(files))
    writeFileSync(join(folder, file), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  const manifest = {...dimelo(), words};
  const text = JSON.stringify(manifest, null, 2);
  writeFileSync(join(folder, 'cookie-manifest.json'), text);
  return {
    file: join(folder, 'cookie-manifest.json'),
    folder,
    line: (tag) => text.split('\n').findIndex((l) => l.includes(`"${tag}": `)) + 1,
  };
}

describe('consent-banner validate: the site’s own words', () => {
  it('reads each words file beside the manifest (a root-relative link too) and passes complete ones: exit 0', async () => {
    const {file} = site('good', {ca: 'words.ca.json', eu: '/words.eu.json'}, {'words.ca.json': ca, 'words.eu.json': {...ca, $code: 'eu'}});
    const {code, stdout} = await cli(['validate', file]);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /: valid \(/);
  });

  it('a missing key, an empty one, markup, a placeholder lost: one error each at words.<tag>, naming the key; exit 1', async () => {
    const {rejectAll, ...lacking} = ca;
    const {file, folder, line} = site(
      'bad',
      {ca: 'words.ca.json'},
      {
        'words.ca.json': {...lacking, close: ' ', acceptAll: '<b>Acceptar-ho tot</b>', bannerTitle: 'Galetes'},
      }
    );
    const {code, stdout} = await cli(['validate', file]);
    assert.equal(code, 1);
    const at = `${file}:${line('ca')}:5: error: words.ca: ${join(folder, 'words.ca.json')}: `;
    assert.deepEqual(stdout.trim().split('\n'), [
      `${at}bannerTitle: must hold the placeholders {site}, as in English, got (none)`,
      `${at}acceptAll: must be plain text, not markup`,
      `${at}rejectAll: is missing`,
      `${at}close: must be a non-empty text`,
    ]);
  });

  it('a words file that cannot be read, or is not JSON: an error saying so; exit 1', async () => {
    const {file} = site('missing', {ca: 'words.ca.json', eu: 'words.eu.json'}, {'words.eu.json': '{"$code": "eu",'});
    const {code, stdout} = await cli(['validate', file]);
    assert.equal(code, 1);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, 2, stdout);
    assert.match(lines[0], /error: words\.ca: cannot read the words in .*words\.ca\.json: /);
    assert.match(lines[1], /error: words\.eu: cannot read the words in .*words\.eu\.json: .*JSON/);
  });

  it('an entry for a built-in language is a warning (its file is not read): still valid', async () => {
    const {file} = site('built-in', {fr: 'nowhere.json'}, {});
    const {code, stdout} = await cli(['validate', file]);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /warning: words\.fr: fr is built in: the banner speaks it in its own words, and does not use this file/);
  });
});
