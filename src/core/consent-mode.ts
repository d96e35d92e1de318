import type {ConsentRecord} from './consent.js';
import {CONSENT_MODE_TYPES} from './manifest-rules.js';
import type {Manifest} from './manifest.types.js';
import {isAllowed} from './script-gate.js';
import type {GateTag} from './script-gate.js';

/*
 * Google Consent Mode v2 and the tag-manager event (README, “The cookie manifest”, docs/rules.md R37, R38): what the
 * page tells Google's tags and Google Tag Manager through `window.dataLayer`.
 *
 * - `consent default`: every type the manifest maps is denied until the visitor allows its
 *   categories, with `wait_for_update`; pushed before the gate releases any tagged script.
 * - `consent update`: after every decision (and withdrawal), and at start when a choice is stored.
 * - `{event: 'consent_update', consent: {categories, services}}` when the manifest asks for it
 *   (`dataLayerEvent: true`), so GTM triggers can fire on it.
 *
 * Commands are pushed as gtag.js pushes them: `arguments` objects, which gtag.js reads and plain
 * arrays are not. Google tags stay tagged (basic mode): Consent Mode adds a signal, not a release.
 * What to say, and onto which dataLayer it is given; the page's own is src/browser/mode.ts's.
 */

/** Every Consent Mode type the banner states, in Google's documented order. */
export type ConsentModeState = Record<
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage',
  'granted' | 'denied'
>;

/** Where the commands go: `window`, whose `dataLayer` is created when the page has none. */
export interface DataLayerHost {
  dataLayer?: unknown[];
}

/** How long Google's tags wait for the `update` before they go on with the defaults (ms). */
export const WAIT_FOR_UPDATE_MS = 500;

const grant = (on: boolean) => (on ? 'granted' : 'denied');

const push = (host: DataLayerHost, entry: unknown) => (host.dataLayer ??= []).push(entry);

/** An `arguments` object, as gtag.js expects on the dataLayer. */
function gtagArguments(..._values: unknown[]): IArguments {
  return arguments;
}

/**
 * What Consent Mode says for `record` (`null`: no choice yet), or `undefined` when the manifest
 * has no `consentMode`. A mapped type is granted when every category listed for it is allowed;
 * a type nobody mapped is denied; `security_storage`, and `functionality_storage` unless mapped,
 * are granted when the site has a necessary category (always on).
 */
export function consentModeState(manifest: Manifest, record: ConsentRecord | null): ConsentModeState | undefined {
  const mode = manifest.consentMode;
  if (!mode) return undefined;
  const necessary = manifest.categories.some((c) => c.basis === 'necessary');
  const state = {} as ConsentModeState;
  for (const type of CONSENT_MODE_TYPES) {
    const ids = mode[type];
    state[type] = grant(
      ids ? ids.every((category) => isAllowed({category, negated: false}, manifest, record)) : type === 'functionality_storage' && necessary
    );
  }
  state.security_storage = grant(necessary);
  return state;
}

/** What may run now, per category and per service: the `consent` of the tag-manager event. */
export function consentSnapshot(manifest: Manifest, record: ConsentRecord | null) {
  const allowed = (items: {id: string}[], tag: (id: string) => GateTag) =>
    Object.fromEntries(items.map(({id}) => [id, isAllowed(tag(id), manifest, record)]));
  return {
    categories: allowed(manifest.categories, (category) => ({category, negated: false})),
    services: allowed(manifest.services, (service) => ({service, negated: false})),
  };
}

/**
 * After a decision, a withdrawal or a reset (`record` `null`): `consent update` with every type,
 * then the tag-manager event when the manifest asks for it.
 */
export function signalConsent(host: DataLayerHost, manifest: Manifest, record: ConsentRecord | null) {
  const state = consentModeState(manifest, record);
  if (state) push(host, gtagArguments('consent', 'update', state));
  if (manifest.dataLayerEvent) push(host, {event: 'consent_update', consent: consentSnapshot(manifest, record)});
}

/**
 * At start, before anything tagged is released: `consent default` (what holds with no choice,
 * with `wait_for_update`), then, when a choice is stored, what `signalConsent` sends for it.
 */
export function signalStart(host: DataLayerHost, manifest: Manifest, record: ConsentRecord | null) {
  const state = consentModeState(manifest, null);
  if (state) push(host, gtagArguments('consent', 'default', {...state, wait_for_update: WAIT_FOR_UPDATE_MS}));
  if (record) signalConsent(host, manifest, record);
}
