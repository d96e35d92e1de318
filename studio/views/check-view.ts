import {html, nothing} from 'lit';
import {consentCategoryIds, needsBanner} from '../../src/core/decision.js';
import {formatIssue} from '../../src/core/manifest.js';
import {resolveText} from '../../src/core/text.js';
import {goTo} from '../actions.js';
import {humanPath, plainMessage} from '../field-paths.js';
import {previewLanguage} from '../preview-frame.js';
import {isShown, state} from '../state.js';
import {readmeLink} from './readme-link.js';

/**
 * What the check's result means for visitors: no banner, a banner, or none that could run. An
 * error the user has not met yet (nothing typed in its field, no download tried) is not a
 * failure: the manifest is only not finished.
 */
function verdictView() {
  const {result} = state;
  if (!result.ok) {
    if (!state.issues.some(isShown)) {
      return html`<p class="verdict todo" id="verdict">
        <strong>Not finished yet.</strong> Fill in what remains below; the preview appears once the banner can use the
        manifest.
      </p>`;
    }
    return html`<p class="verdict bad" id="verdict">
      <strong>The banner cannot use this manifest.</strong> It would fail closed: nothing that needs consent would
      run. Fix the error below.
    </p>`;
  }
  const {manifest} = result;
  if (needsBanner(manifest)) {
    const asked = consentCategoryIds(manifest).map((id) =>
      resolveText(manifest.categories.find((c) => c.id === id)!.title, previewLanguage(), manifest.site.languages)
    );
    return html`<p class="verdict asks" id="verdict">
      <strong>Banner needed.</strong> Visitors are asked before anything in ${asked.join(', ')} runs; refusing is
      one click, like accepting.
    </p>`;
  }
  const idle = manifest.categories.filter((c) => c.basis === 'consent').map((c) => resolveText(c.title, 'en'));
  return html`<p class="verdict quiet" id="verdict">
    <strong>No banner needed.</strong> No consent category holds a service${
      idle.length ? ` (${idle.join(', ')} ${idle.length > 1 ? 'hold' : 'holds'} none)` : ''
    }: everything declared is strictly necessary or consent-exempt, which needs no consent
    (${readmeLink('basis', 'what that means')}). Nothing is asked and nothing is stored; a “Cookie settings” link
    (<code>data-consent-open</code>) opens the declaration${
      manifest.categories.some((c) => c.basis === 'exempt') ? ', with the opt-out of exempt measurement' : ''
    }.
  </p>`;
}

/** The check: the verdict, then every issue (or what remains to fill in), each a link to its field. */
export function checkView() {
  const {issues, draft} = state;
  return html`<section class="card check" aria-labelledby="check-title">
    <h2 id="check-title">Check</h2>
    <p class="hint">Every change goes through the banner’s own check. The first error stops it, as it stops the banner.</p>
    ${verdictView()}
    ${
      issues.length
        ? html`<ul class="summary">
          ${issues.map((issue) => {
            const kind = isShown(issue) ? issue.kind : 'todo';
            return html`<li class=${kind}>
              <strong>${kind === 'error' ? 'Error' : kind === 'warning' ? 'Warning' : 'To do'}:</strong>
              <button type="button" class="link" @click=${() => goTo(issue)}>${humanPath(issue.path, draft)}</button>:
              ${plainMessage(issue, draft)} ${kind === 'todo' ? nothing : html`<code class="path">${formatIssue(issue)}</code>`}
            </li>`;
          })}
        </ul>`
        : html`<p class="clean">No error, no warning.</p>`
    }
  </section>`;
}
