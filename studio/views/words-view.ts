import {html, nothing} from 'lit';
import {checkWords} from '../../src/core/words-check.js';
import english from '../../src/i18n/en.json';
import {commit, update} from '../actions.js';
import {field} from '../fields.js';
import {state} from '../state.js';
import {readmeLink} from './readme-link.js';

/*
 * The site's own words (the manifest's `words`, README “A site's own language”): one line per
 * language, its tag and the link to its file; and a words file opened from this computer,
 * checked as the banner checks it (every key of the English words, none empty, the same
 * placeholders, no markup), each problem naming its key.
 */

/** What the last words file opened was found to hold: its name, and its problems. */
let checked: {name: string; problems: string[]} | undefined;

/** The `words` object as lines (`ga /words.ga.json`); anything else as its JSON, for the check to name. */
const asLines = (words: unknown) =>
  words === undefined
    ? ''
    : typeof words === 'object' && words !== null && !Array.isArray(words)
      ? Object.entries(words)
          .map(([tag, link]) => `${tag} ${typeof link === 'string' ? link : JSON.stringify(link)}`)
          .join('\n')
      : JSON.stringify(words);

/** Lines back to the `words` object: each line's first word is the tag, the rest its link. */
function setLines(text: string) {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (!lines.length) delete state.draft.words;
  else state.draft.words = Object.fromEntries(lines.map((line) => [line.split(/\s+/)[0], line.split(/\s+/).slice(1).join(' ')]));
}

async function checkFile(event: Event) {
  const input = event.target as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) return;
  input.value = '';
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch (error) {
    checked = {name: file.name, problems: [`is not JSON: ${(error as Error).message}`]};
    return update();
  }
  const tag = typeof (json as {$code?: unknown})?.$code === 'string' ? (json as {$code: string}).$code : '';
  checked = {name: file.name, problems: checkWords(json, tag || '(no $code)', english).map((issue) => `${issue.path}: ${issue.message}`)};
  update();
}

export function wordsView() {
  return html`${field(
    'words',
    'Your own words, for languages the banner lacks (optional)',
    asLines(state.draft.words),
    (v) => {
      setLines(v);
      commit();
    },
    {
      multiline: true,
      hint: html`One language a line: its tag, then the link to its words file (<code>ga /words.ga.json</code>), in the format of the
        banner’s own. A language the banner has keeps its own words. ${readmeLink('words', 'A site’s own language')}`,
    }
  )}
    <div class="field">
      <label for="words-file">Check a words file</label>
      <input id="words-file" type="file" accept=".json,application/json" @change=${checkFile} />
      ${
        checked
          ? html`<ul class="issues" role="status">
            ${
              checked.problems.length
                ? checked.problems.map((problem) => html`<li class="error"><strong>Error:</strong> ${checked!.name}: ${problem}</li>`)
                : html`<li>${checked.name}: every key is there, none empty, placeholders and text as the banner needs.</li>`
            }
          </ul>`
          : nothing
      }
    </div>`;
}
