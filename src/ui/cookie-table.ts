import {html, nothing} from 'lit/html.js';
import type {TemplateResult} from 'lit/html.js';
import {formatDuration} from '../core/duration.js';
import type {Service} from '../core/manifest.types.js';
import type {Words} from '../view-contract.js';
import {isolated, sayParts} from './say.js';

/**
 * A service's cookies as a table (name, lifetime in words, purpose), or a note that it declares
 * none: the same in the preferences and in the declaration (R16). `purpose` renders a manifest
 * text in the visitor's language.
 */
export function cookieTable(
  service: Service,
  t: Words,
  purpose: (cookie: Service['cookies'][number]) => unknown
): TemplateResult {
  if (!service.cookies.length) return html`<p class="note">${t.noCookies}</p>`;
  return html`<div class="table">
    <table>
      <thead>
        <tr>
          <th scope="col">${t.cookieName}</th>
          <th scope="col">${t.cookieDuration}</th>
          <th scope="col">${t.cookiePurpose}</th>
        </tr>
      </thead>
      <tbody>
        ${service.cookies.map(
          (cookie) => html`<tr>
            <td><code dir="ltr">${cookie.name}</code>${cookie.domain ? html`<br />${sayParts(t.thirdParty, {domain: () => html`<bdi>${isolated(cookie.domain ?? '')}</bdi>`})}` : nothing}</td>
            <td>${formatDuration(cookie.duration, t.$code, t.session)}</td>
            <td>${purpose(cookie)}</td>
          </tr>`
        )}
      </tbody>
    </table>
  </div>`;
}
