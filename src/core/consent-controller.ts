import {acceptAllChoice, decide, isCurrent, rejectAllChoice} from './consent.js';
import type {ConsentChoice, ConsentMethod, ConsentRecord} from './consent.js';
import {cookieStore} from './consent-store.js';
import type {ConsentStore} from './consent-store.js';
import {signalConsent, signalStart} from './consent-mode.js';
import type {DataLayerHost} from './consent-mode.js';
import {clearDeclaredCookies} from './cookie-cleaner.js';
import {needsBanner} from './decision.js';
import type {Manifest} from './manifest.types.js';
import {ScriptGate, isAllowed} from './script-gate.js';
import type {GateTag, ScriptGateOptions} from './script-gate.js';

/*
 * One site's consent, start to end, without any UI: the stored choice, the decisions, the gate
 * and the clean-up on withdrawal. The element renders its state and forwards the visitor's intent.
 */

export interface ConsentControllerOptions extends ScriptGateOptions {
  store?: ConsentStore;
  now?: () => Date;
  /** What "reload the page" means; tests replace it. */
  reload?: () => void;
  doc?: Document;
  /** Where Consent Mode and the tag-manager event are pushed (`window.dataLayer`); tests replace it. */
  dataLayerHost?: DataLayerHost;
}

export class ConsentController {
  readonly manifest: Manifest;
  #store: ConsentStore;
  #now: () => Date;
  #reload: () => void;
  #gate: ScriptGate;
  #record: ConsentRecord | null;
  #dataLayerHost: DataLayerHost;
  #signalled = false;
  /** True when a stored choice was found at start (so the caller can announce it). */
  readonly restored: boolean;

  constructor(manifest: Manifest, options: ConsentControllerOptions = {}) {
    this.manifest = manifest;
    this.#store = options.store ?? cookieStore(manifest);
    this.#now = options.now ?? (() => new Date());
    this.#reload = options.reload ?? (() => location.reload());
    this.#gate = new ScriptGate(options.doc ?? document, options);
    this.#dataLayerHost = options.dataLayerHost ?? (window as DataLayerHost);
    const stored = this.#store.read();
    this.#record = stored && isCurrent(stored, manifest, this.#now()) ? stored : null;
    this.restored = this.#record !== null;
  }

  /** The visitor's current decision, or `null` when there is none (or it expired). */
  get record(): ConsentRecord | null {
    return this.#record;
  }

  /** Must the first layer be shown? Only when the site needs consent and has no current answer. */
  get mustAsk(): boolean {
    return this.#record === null && needsBanner(this.manifest);
  }

  /** Starts releasing what may run now, and what is added to the page later. */
  start() {
    this.#signalStart();
    this.#gate.update(this.allows);
  }

  stop() {
    this.#gate.stop();
  }

  /** May an element with this tag run now? */
  allows = (tag: GateTag) => isAllowed(tag, this.manifest, this.#record);

  /** Is this category or service accepted (or necessary, or exempt and not opted out)? */
  hasConsent(id: string): boolean {
    return this.manifest.services.some((s) => s.id === id)
      ? this.allows({service: id, negated: false})
      : this.allows({category: id, negated: false});
  }

  acceptAll(method: ConsentMethod = 'accept-all') {
    return this.decide(acceptAllChoice(this.manifest), method);
  }

  rejectAll(method: ConsentMethod = 'reject-all') {
    return this.decide(rejectAllChoice(this.manifest), method);
  }

  /**
   * Records a decision, stores it and applies it: newly allowed elements run at once; when
   * something allowed before is now refused, its declared cookies are deleted and the page
   * reloads so its scripts stop. Returns the new record.
   */
  decide(choice: ConsentChoice, method: ConsentMethod): ConsentRecord {
    const record = decide(this.manifest, choice, method, this.#record, this.#now());
    this.#replaceRecord(record);
    return record;
  }

  /** Forgets the stored choice, deletes the cookies of everything it allowed, and reloads. */
  reset() {
    this.#replaceRecord(null);
  }

  #replaceRecord(record: ConsentRecord | null) {
    this.#signalStart();
    const before = this.#allowedServices();
    if (record) this.#store.write(record);
    else this.#store.clear();
    this.#record = record;
    signalConsent(this.#dataLayerHost, this.manifest, record);
    const after = this.#allowedServices();
    const withdrawn = before.filter((id) => !after.includes(id));
    if (record && !withdrawn.length) {
      this.#gate.update(this.allows);
      return;
    }
    // Scripts already running cannot be stopped: delete what they left, then start afresh.
    this.#gate.stop();
    this.#clearCookiesOf(withdrawn);
    this.#reload();
  }

  /** Consent Mode defaults (and the stored choice) reach Google's tags once, before anything is released. */
  #signalStart() {
    if (!this.#signalled) signalStart(this.#dataLayerHost, this.manifest, this.#record);
    this.#signalled = true;
  }

  /** The services that may run now: accepted, necessary, or exempt and not opted out. */
  #allowedServices() {
    return this.manifest.services.filter((s) => this.allows({service: s.id, negated: false})).map((s) => s.id);
  }

  #clearCookiesOf(serviceIds: string[]) {
    clearDeclaredCookies(this.manifest.services.filter((s) => serviceIds.includes(s.id)).flatMap((s) => s.cookies));
  }
}
