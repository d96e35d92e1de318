import {html, nothing, render} from 'lit/html.js';
import type {TemplateResult} from 'lit/html.js';
import type {Category, Service, Text} from '../core/manifest.types.js';
import {directionOf} from '../core/language.js';
import {resolveText} from '../core/text.js';
import type {ConsentView, ViewHost, Words} from '../view-contract.js';
import {baseStyles} from './base.styles.js';
import {controlStyles} from './control.styles.js';
import {cookieTable, cookieTableStyles} from './cookie-table.js';
import {declarationStyles} from './declaration.styles.js';
import {frameStyles} from './frame.js';
import {isolated, sayParts} from './say.js';

/**
 * Draws `<consent-declaration>`: a button that opens the preferences (the banner's), the whole
 * manifest as text and tables, with the visitor's choice for each purpose and service, labelled,
 * the consent ID last, and (on a site that needs no banner) the opt-out of exempt services (R31).
 */
export function renderDeclaration(element: HTMLElement, host: ViewHost) {
  const controller = host.state;
  const {manifest} = controller;
  const root = element.shadowRoot!;
  if (!root.adoptedStyleSheets.includes(declarationStyles))
    root.adoptedStyleSheets = [frameStyles, baseStyles, controlStyles, cookieTableStyles, declarationStyles];
  // The languages the banner chose (README, “Drop it in”): the declaration speaks as the banner does.
  const {words: t, textLanguage: texts} = host;
  const ui = t.$code;
  const text = (value: Text | undefined) => resolveText(value, texts, manifest.site.languages);
  const asking = manifest.categories.some((c) => c.basis === 'consent');
  const record = controller.record;
  const optOut = (service: Service, on: boolean) => host.record({services: {[service.id]: on}}, 'opt-out');
  // In a frame that stops the page's CSS (frame.ts).
  const view = html`<div class="frame" lang=${ui} dir=${t.$dir}><div part="base" lang=${ui}>
    ${controller.signalHonoured ? html`<p class="note gpc">${t.signalHonoured}</p>` : nothing}
    ${
      asking
        ? html`<p>
          <button class="choice" part="choice" type="button" data-choice="customise" @click=${() => host.showPreferences()}>
            ${record ? t.changeChoices : t.customise}
          </button>
        </p>`
        : nothing
    }
    ${manifest.categories.map((c) => renderCategory(c, controller, t, text, texts !== ui ? texts : undefined, optOut, host.href))}
    <p><a href=${host.href(manifest.site.policyUrl)}>${t.policyLink}</a></p>
    ${asking && record ? html`<p class="consent-id">${t.consentId} <code dir="ltr">${record.id}</code></p>` : nothing}
  </div></div>`;
  render(view, root, {host: element});
  host.paintAccent(element, root.querySelector('.frame')!, root.querySelector('[part=base]')!);
}

/**
 * What the visitor chose for `id` (a category, or a service of category `purpose`), labelled
 * ("Your choice:"), the state a label of its own as in the preferences: a purpose still to ask
 * about is not chosen.
 */
function choiceOf(id: string, basis: Category['basis'], controller: ConsentView, t: Words, purpose = id) {
  let state: string;
  if (basis === 'necessary') state = t.alwaysOn;
  else if (basis === 'exempt') state = controller.hasConsent(id) ? t.alwaysOn : t.stateRefused;
  else if (!controller.record || controller.asking.has(purpose)) state = t.stateNotChosen;
  else state = controller.hasConsent(id) ? t.stateAccepted : t.stateRefused;
  return html`<p class="status">${t.yourChoice} <strong class="state">${state}</strong></p>`;
}

function renderCategory(
  category: Category,
  controller: ConsentView,
  t: Words,
  text: (value: Text | undefined) => string,
  textLang: string | undefined,
  optOut: (service: Service, on: boolean) => void,
  href: ViewHost['href']
): TemplateResult {
  const services = controller.manifest.services.filter((s) => s.category === category.id);
  // A text in another language than the UI's says so, and reads in its own direction (WCAG 3.1.2).
  const textDir = textLang ? directionOf(textLang) : nothing;
  return html`<section class="category">
    <h3 lang=${textLang ?? nothing} dir=${textDir}>${text(category.title)}</h3>
    <p>${t.legalBasis} ${{consent: t.basisConsent, necessary: t.basisNecessary, exempt: t.basisExempt}[category.basis]}</p>
    ${category.description ? html`<p lang=${textLang ?? nothing} dir=${textDir}>${text(category.description)}</p>` : nothing}
    ${
      category.exemption
        ? html`<p>${t.exemptionLabel} <span lang=${textLang ?? nothing} dir=${textDir}>${text(category.exemption)}</span></p>`
        : nothing
    }
    ${choiceOf(category.id, category.basis, controller, t)}
    ${services.map(
      (service) => html`<h4><bdi>${isolated(service.name)}</bdi></h4>
        ${service.provider ? html`<p>${t.provider} <bdi>${isolated(service.provider)}</bdi></p>` : nothing}
        ${service.description ? html`<p lang=${textLang ?? nothing} dir=${textDir}>${text(service.description)}</p>` : nothing}
        ${service.policyUrl ? html`<p><a href=${href(service.policyUrl)}>${sayParts(t.servicePolicy, {service: () => html`<bdi>${isolated(service.name)}</bdi>`})}</a></p>` : nothing}
        ${
          category.basis === 'exempt'
            ? html`<label
              ><input
                type="checkbox"
                role="switch"
                data-service=${service.id}
                .checked=${controller.hasConsent(service.id)}
                @change=${(e: Event) => optOut(service, (e.target as HTMLInputElement).checked)}
              /><span>${sayParts(t.allowService, {service: () => html`<bdi>${isolated(service.name)}</bdi>`})}</span></label
            >`
            : category.basis === 'consent'
              ? choiceOf(service.id, 'consent', controller, t, category.id)
              : nothing
        }
        ${cookieTable(service, t, (cookie) => html`<span lang=${textLang ?? nothing} dir=${textDir}>${text(cookie.purpose)}</span>`)}`
    )}
  </section>`;
}
