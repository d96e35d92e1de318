import type {ConsentRecord} from '../core/consent.js';
import {currentRecord, purposesToAsk} from '../core/purposes.js';
import type {PurposeChange} from '../core/purposes.js';
import {decodeRecord, encodeRecord} from '../core/record-codec.js';
import {needsBanner} from '../core/decision.js';
import type {Manifest} from '../core/manifest.types.js';
import {isAllowed} from '../core/script-gate.js';
import type {GateTag} from '../core/script-gate.js';
import {cookieReader} from './cookie.js';
import {ScriptGate} from './gate.js';
import type {ScriptGateOptions} from './gate.js';
import type {ConsentStore} from './store.js';
import {consentSync} from './sync.js';
import type {ConsentSync, ConsentSyncEnvironment} from './sync.js';

/*
 * What every page view of a site needs, and no more: the stored choice read back, the gate that
 * releases what it allows, Consent Mode told before anything runs, and the other tabs heard.
 * Making a decision (writing the cookie, the log, deleting cookies) is `ConsentRecorder`
 * (recorder.ts), which the session (src/loader/session.ts) loads only when a decision is to be made.
 */

/** Where a change of the record came from: this page, or another tab (or the stored cookie). */
export type ConsentChangeSource = 'local' | 'external';

/** Told of every change of the record: `null` after a reset. */
export type ConsentListener = (record: ConsentRecord | null, source: ConsentChangeSource) => void;

/** What the page's tags are told (mode.ts). */
export interface ConsentSignals {
  start(manifest: Manifest, record: ConsentRecord | null): void;
  change(manifest: Manifest, record: ConsentRecord | null): void;
}

export interface ConsentStateOptions extends ScriptGateOptions {
  /** Where the stored choice is read; default: the consent cookie. */
  store?: Pick<ConsentStore, 'read'>;
  now?: () => Date;
  doc?: Document;
  /** How the other tabs are heard; `false`: not at all. */
  sync?: ConsentSyncEnvironment | false;
  /**
   * Tells the page's tags of the consent: Google Consent Mode and the tag-manager event
   * (mode.ts, `dataLayerSignals`), when the manifest asks for them; `start` before
   * anything is released, `change` after every decision.
   */
  signals?: ConsentSignals;
  /**
   * Deletes the declared cookies of services whose consent was withdrawn (or of all, on a
   * reset); when it returns a promise, the page reloads once it settles.
   */
  clear?: (services: string[]) => void | Promise<unknown>;
  /** What "reload the page" means; tests replace it. */
  reload?: () => void;
}

export class ConsentState {
  readonly manifest: Manifest;
  #store: Pick<ConsentStore, 'read'>;
  #now: () => Date;
  #gate: ScriptGate;
  #syncOptions: ConsentSyncEnvironment | false;
  #sync: ConsentSync | null = null;
  #listeners = new Set<ConsentListener>();
  #record: ConsentRecord | null = null;
  #asking = new Map<string, PurposeChange>();
  #signals: ConsentSignals | undefined;
  #clear: (services: string[]) => void | Promise<unknown>;
  #reload: () => void;
  #signalled = false;

  constructor(manifest: Manifest, options: ConsentStateOptions = {}) {
    this.manifest = manifest;
    this.#store = options.store ?? cookieReader(manifest);
    this.#now = options.now ?? (() => new Date());
    this.#gate = new ScriptGate(options.doc ?? document, options);
    this.#signals = options.signals;
    this.#syncOptions = options.sync ?? {};
    this.#clear = options.clear ?? (() => {});
    this.#reload = options.reload ?? (() => location.reload());
    this.#take(this.#store.read());
  }

  /** The visitor's current decision, or `null` when there is none (or it expired). */
  get record(): ConsentRecord | null {
    return this.#record;
  }

  /** Must the first layer be shown? Only when the site needs consent and some purpose has no current answer. */
  get mustAsk(): boolean {
    return this.#asking.size > 0 && needsBanner(this.manifest);
  }

  /**
   * The purposes to ask about, each with why: all of them (`new`) when there is no answer; else
   * those added or changed since the visitor's answer, or whose answer expired. A purpose not
   * here keeps its answer, a refusal included (R22).
   */
  get asking(): ReadonlyMap<string, PurposeChange> {
    return this.#asking;
  }

  /** Which browser privacy signal the current answer was recorded for (`gpc`, `adpc`), or `null`: the preferences and the declaration say so. */
  get signalHonoured(): 'gpc' | 'adpc' | null {
    const method = this.#record?.method;
    return method === 'gpc' || method === 'adpc' ? method : null;
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
    // A service's id, else a category's (ids are one namespace).
    return this.allows({service: id, negated: false}) || this.allows({category: id, negated: false});
  }

  /** What of `stored` still answers this manifest now (R21 to R24), or `null`: `currentRecord`. */
  current(stored: ConsentRecord | null): ConsentRecord | null {
    return currentRecord(stored, this.manifest, this.#now());
  }

  /** Takes what still holds of `stored`, and the purposes to ask about, as this page's state. */
  #take(stored: ConsentRecord | null) {
    const now = this.#now();
    this.#asking = purposesToAsk(stored, this.manifest, now);
    this.#record = currentRecord(stored, this.manifest, now, this.#asking);
  }

  /**
   * Makes `record` the current answer and applies it: Consent Mode hears it, newly allowed
   * elements run at once; when something allowed before is now refused (or on a reset, `null`),
   * its declared cookies are deleted and the page reloads so its scripts stop. A `local` record
   * (this page's decision, already stored) is announced to the other tabs.
   */
  apply(record: ConsentRecord | null, source: ConsentChangeSource) {
    this.#signalStart();
    const before = this.#allowedServices();
    this.#take(record);
    record = this.#record;
    this.#signals?.change(this.manifest, record);
    const after = this.#allowedServices();
    const withdrawn = before.filter((id) => !after.includes(id));
    if (source === 'local') this.#sync?.announce(record && encodeRecord(record));
    const reloads = !record || withdrawn.length > 0;
    // Scripts already running cannot be stopped: delete what they left, then start afresh.
    let cleared: void | Promise<unknown> = undefined;
    if (reloads) {
      this.#gate.stop();
      cleared = this.#clear(withdrawn);
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
    if (!reloads) return;
    if (cleared) cleared.finally(this.#reload);
    else this.#reload();
  }

  /**
   * Takes `record` as the answer found at start, before `start()` applies it (a refusal recorded
   * for Global Privacy Control as the page opens): no listener is told, nothing is released yet.
   */
  startWith(record: ConsentRecord) {
    if (!this.#signalled) this.#take(record);
    else this.apply(record, 'local');
  }

  /** Applies what another tab decided (or what the cookie now holds), when it differs from ours. */
  #adopt(stored: ConsentRecord | null) {
    const record = this.current(stored);
    if ((record && encodeRecord(record)) !== (this.#record && encodeRecord(this.#record))) this.apply(stored, 'external');
  }

  /** Consent Mode defaults (and the stored choice) reach Google's tags once, before anything is released. */
  #signalStart() {
    if (!this.#signalled) this.#signals?.start(this.manifest, this.#record);
    this.#signalled = true;
  }

  /** The services that may run now: accepted, necessary, or exempt and not opted out. */
  #allowedServices() {
    return this.manifest.services.filter((s) => this.allows({service: s.id, negated: false})).map((s) => s.id);
  }
}
