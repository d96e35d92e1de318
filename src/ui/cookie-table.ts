import {html, nothing} from 'lit/html.js';
import type {TemplateResult} from 'lit/html.js';
import {formatDuration} from '../core/duration.js';
import type {Service} from '../core/manifest.types.js';
import type {Words} from '../view-contract.js';
import {isolated, sayParts} from './say.js';
import {css} from './stylesheet.js';

/**
 * A service's cookies as a table (name, lifetime in words, purpose), or a note that it declares
 * none: the same in the preferences and in the declaration (R16). `purpose` renders a manifest
 * text in the visitor's language.
 */
export function cookieTable(service: Service, t: Words, purpose: (cookie: Service['cookies'][number]) => unknown): TemplateResult {
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
            <td data-label=${t.cookieDuration}><span>${formatDuration(cookie.duration, t.$code, t.session, t.units)}</span></td>
            <td data-label=${t.cookiePurpose}><span>${purpose(cookie)}</span></td>
          </tr>`
        )}
      </tbody>
    </table>
  </div>`;
}

/*
 * The cookie tables, in the preferences and the declaration alike. One grid for every table: the
 * columns are shares of the width (`table-layout: fixed`), so they line up from one service's
 * table to the next. Words wrap between words, never inside one (a word longer than its column
 * breaks as a last resort), and a cookie's name never. Where the table has less than 30em, it
 * reflows into a list: each cookie its name, then its lifetime and purpose, each beside its
 * label (the column's heading, given to the cell as `data-label`, read out with it).
 */
export const cookieTableStyles = css`
  .table {
    container-type: inline-size;
    overflow-x: auto;
  }
  table {
    table-layout: fixed;
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding-block: 0.25em;
    padding-inline: 0 0.75em;
    border-bottom: 1px solid var(--consent-border, currentColor);
    overflow-wrap: break-word;
  }
  th:first-child {
    width: 36%;
  }
  th:nth-child(2) {
    width: 20%;
  }
  code {
    white-space: nowrap;
  }
  @container (max-width: 30em) {
    table,
    tbody,
    tr,
    td {
      display: block;
    }
    thead {
      display: none;
    }
    tr {
      padding-block: 0.4em;
      border-bottom: 1px solid var(--consent-border, currentColor);
    }
    td {
      padding: 0;
      border: 0;
    }
    td[data-label] {
      display: flex;
      gap: 0.5em;
    }
    td[data-label]::before {
      content: attr(data-label);
      flex: none;
      min-width: 7em;
      max-width: 45%;
      color: var(--consent-muted, inherit);
    }
    td > span {
      flex: 1 1 0;
      min-width: 0;
    }
  }
`;
