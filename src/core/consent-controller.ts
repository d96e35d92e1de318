import {acceptAllChoice, decide, decodeRecord, encodeRecord, isCurrent, rejectAllChoice} from './consent.js';
import type {ConsentChoice, ConsentMethod, ConsentRecord} from './consent.js';
import {consentLog} from './consent-log.js';
import type {ConsentLog, ConsentLogEnvironment} from './consent-log.js';
import {cookieStore} from './consent-store.js';
import type {ConsentStore} from './consent-store.js';
import {consentSync} from './consent-sync.js';
import type {ConsentSync, ConsentSyncEnvironment} from './consent-sync.js';
import {signalConsent, signalStart} from './consent-mode.js';
import type {DataLayerHost} from './consent-mode.js';
import {clearDeclaredCookies} from './cookie-cleaner.js';
import {needsBanner} from './decision.js';
import type {Manifest} from './manifest.types.js';
import {ScriptGate, isAllowed} from './script-gate.js';
import type {GateTag, ScriptGateOptions} from './script-gate.js';

/*
 * One site's consent, start to end, without any UI: the stored choice, the decisions, the gate,
 * the clean-up on withdrawal, the proof sent to the site's log, the browser's Global Privacy
 * Control, and the other tabs of the site. The element renders its state and forwards the
 * visitor's intent.
 */

/** Where a change of the record came from: this page, or another tab (or the stored cookie). */
export type ConsentChangeSource = 'local' | 'external';

/** Told of every change of the record: `null` after a reset. */
export type ConsentListener = (record: ConsentRecord | null, source: ConsentChangeSource) => void;

export interface ConsentControllerOptions extends ScriptGateOptions {
  store?: ConsentStore;
  now?: () => Date;
  /** What "reload the page" means; tests replace it. */
  reload?: () => void;
  doc?: Document;
  /** The language the banner speaks (BCP 47), recorded with each decision; see `language`. */
  language?: string;
  /** Where `globalPrivacyControl` is read; tests pass a stand-in. */
  navigator?: {globalPrivacyControl?: boolean};
  /** Where the consent log finds `sendBeacon`, its storage and the page's URL; tests pass stand-ins. */
  log?: ConsentLogEnvironment;
  /** How the other tabs are heard; `false`: not at all. */
  sync?: ConsentSyncEnvironment | false;
  /** Where Consent Mode and the tag-manager event are pushed (`window.dataLayer`); tests replace it. */
  dataLayerHost?: DataLayerHost;
}

export class ConsentController {
  readonly manifest: Manifest;
  /** The language recorded with the next decisions: set it to the language the banner shows. */
  language: string | undefined;
  #store: ConsentStore;
  #now: () => Date;
  #reload: () => void;
  #gate: ScriptGate;
  #log: ConsentLog | null;
  #syncOptions: ConsentSyncEnvironment | false;
  #sync: ConsentSync | null = null;
  #listeners = new Set<ConsentListener>();
  #record: ConsentRecord | null;
  #dataLayerHost: DataLayerHost;
  #signalled = false;
  /**
   * True when a stored choice was found at start. A refusal recorded at start for GPC is not
   * "restored" but new (`gpcHonoured`): announce `record` at start whenever it is not `null`.
   */
  readonly restored: boolean;

  constructor(manifest: Manifest, options: ConsentControllerOptions = {}) {
    this.manifest = manifest;
    this.language = options.language;
    this.#store = options.store ?? cookieStore(manifest);
    this.#now = options.now ?? (() => new Date());
    this.#reload = options.reload ?? (() => location.reload());
    this.#gate = new ScriptGate(options.doc ?? document, options);
    this.#dataLayerHost = options.dataLayerHost ?? (window as DataLayerHost);
    this.#syncOptions = options.sync ?? {};
    this.#log = consentLog(manifest, options.log);
    this.#log?.retry();
    this.#record = this.#current(this.#store.read());
    this.restored = this.#record !== null;
    // Global Privacy Control (R35): with no current answer, the signal is the answer, a refusal.
    const gpc = (options.navigator ?? (globalThis.navigator as {globalPrivacyControl?: boolean}))?.globalPrivacyControl;
    if (!this.#record && gpc === true && manifest.gpc !== 'ignore' && needsBanner(manifest)) {
      this.#record = this.#decide(rejectAllChoice(manifest), 'gpc');
      this.#store.write(this.#record);
      this.#log?.send(this.#record);
    }
  }

  /** The visitor's current decision, or `null` when there is none (or it expired). */
  get record(): ConsentRecord | null {
    return this.#record;
  }

  /** Must the first layer be shown? Only when the site needs consent and has no current answer. */
  get mustAsk(): boolean {
    return this.#record === null && needsBanner(this.manifest);
  }

  /**
   * Is the current answer the refusal recorded for the browser's Global Privacy Control signal
   * (on this page view or an earlier one)? The preferences say so; a later choice replaces it.
   */
  get gpcHonoured(): boolean {
    return this.#record?.method === 'gpc';
  }

  /** Starts releasing what may run now and what is added later, and listening to the other tabs. */
  start() {
    this.#signalStart();
    this.#gate.update(this.allows);
    if (this.#syncOptions && !this.#sync) {
      this.#sync = consentSync(
        this.manifest,
        ({value}) => {
          // A value that is not a record of ours: the cookie says what holds.
          const heard = value === null ? null : (decodeRecord(value) ?? this.#store.read());
          // Older than this tab's own decision: the two crossed, and the later one holds.
          if (!heard || !this.#record || heard.timestamp >= this.#record.timestamp) this.#adopt(heard);
        },
        () => this.#adopt(this.#store.read()),
        this.#syncOptions
      );
    }
  }

  stop() {
    this.#gate.stop();
    this.#sync?.close();
    this.#sync = null;
  }

  /**
   * Calls `listener` after every change of the record: this page's decisions (`local`) and those
   * of other tabs (`external`), before any reload. Returns the function that unsubscribes it.
   */
  onChange(listener: ConsentListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
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

  /** Refuses every consent category: `reject-all`, or `close` when the first layer was closed (R11). */
  rejectAll(method: ConsentMethod = 'reject-all') {
    return this.decide(rejectAllChoice(this.manifest), method);
  }

  /**
   * Records a decision, stores it, sends it to the site's log, tells the other tabs and applies
   * it: newly allowed elements run at once; when something allowed before is now refused, its
   * declared cookies are deleted and the page reloads so its scripts stop. Returns the new record.
   */
  decide(choice: ConsentChoice, method: ConsentMethod): ConsentRecord {
    const record = this.#decide(choice, method);
    this.#replaceRecord(record, 'local');
    return record;
  }

  /** Forgets the stored choice, deletes the cookies of everything it allowed, and reloads. */
  reset() {
    this.#replaceRecord(null, 'local');
  }

  #decide(choice: ConsentChoice, method: ConsentMethod) {
    return decide(this.manifest, choice, method, this.#record, this.#now(), {language: this.language});
  }

  /** The record if it still answers this manifest now (R21, R23, R24), else `null`. */
  #current(record: ConsentRecord | null) {
    return record && isCurrent(record, this.manifest, this.#now()) ? record : null;
  }

  /** Applies what another tab decided (or what the cookie now holds), when it differs from ours. */
  #adopt(stored: ConsentRecord | null) {
    const record = this.#current(stored);
    if ((record && encodeRecord(record)) === (this.#record && encodeRecord(this.#record))) return;
    this.#replaceRecord(record, 'external');
  }

  #replaceRecord(record: ConsentRecord | null, source: ConsentChangeSource) {
    this.#signalStart();
    const before = this.#allowedServices();
    if (source === 'local') {
      if (record) this.#store.write(record);
      else this.#store.clear();
    }
    this.#record = record;
    signalConsent(this.#dataLayerHost, this.manifest, record);
    const after = this.#allowedServices();
    const withdrawn = before.filter((id) => !after.includes(id));
    if (source === 'local') {
      this.#sync?.announce(record && encodeRecord(record));
      if (record) this.#log?.send(record);
    }
    const reloads = !record || withdrawn.length > 0;
    if (reloads) {
      // Scripts already running cannot be stopped: delete what they left, then start afresh.
      this.#gate.stop();
      this.#clearCookiesOf(withdrawn);
    } else {
      this.#gate.update(this.allows);
    }
    for (const listener of this.#listeners) {
      try {
        listener(record, source);
      } catch (error) {
        console.error(error);
      }
    }
    if (reloads) this.#reload();
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
