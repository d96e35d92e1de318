import type {DataLayerHost} from '../core/consent-mode.js';
import type {ConsentChoice, ConsentMethod, ConsentRecord} from '../core/consent.js';
import type {Manifest} from '../core/manifest.types.js';
import {consentLog} from './log.js';
import type {ConsentLogEnvironment} from './log.js';
import {dataLayerSignals} from './mode.js';
import {ConsentRecorder, clearServiceCookies} from './recorder.js';
import type {SignalSource} from './signals.js';
import {ConsentState} from './state.js';
import type {ConsentStateOptions} from './state.js';
import type {ConsentStore} from './store.js';

export type {ConsentChangeSource, ConsentListener} from './state.js';

/*
 * One site's consent, start to end, without any UI: `ConsentState` (the stored choice, the gate,
 * Consent Mode, the other tabs) and `ConsentRecorder` (decisions, the cookie, the log, the
 * clean-up on withdrawal, Global Privacy Control) in one object. The drop-in keeps the two apart,
 * so that a page view with nothing to decide never downloads the recorder; the tests get them
 * together here (it is not part of the package's public API).
 */

export interface ConsentControllerOptions extends Omit<ConsentStateOptions, 'store' | 'clear' | 'signals'> {
  store?: ConsentStore;
  /** The language the banner speaks (BCP 47), recorded with each decision; see `language`. */
  language?: string;
  /** Where the browser's privacy signals are read (`globalPrivacyControl`, `dataProtectionControl`); tests pass a stand-in. */
  navigator?: SignalSource;
  /** Where the consent log finds `sendBeacon`, its storage and the page's URL; tests pass stand-ins. */
  log?: ConsentLogEnvironment;
  /** Where Consent Mode and the tag-manager event are pushed (`window.dataLayer`); tests replace it. */
  dataLayerHost?: DataLayerHost;
}

export class ConsentController extends ConsentState {
  #recorder: ConsentRecorder;
  /**
   * True when a stored choice was found at start. A refusal recorded at start for GPC is not
   * "restored" but new (`signalHonoured`): announce `record` at start whenever it is not `null`.
   */
  readonly restored: boolean;

  constructor(manifest: Manifest, options: ConsentControllerOptions = {}) {
    super(manifest, {
      ...options,
      signals: dataLayerSignals(options.dataLayerHost),
      clear: (services) => clearServiceCookies(manifest, services),
    });
    this.#recorder = new ConsentRecorder(this, {...options, log: consentLog(manifest, options.log)});
    this.restored = this.record !== null;
    // GPC answers at once; ADPC asks the browser, and answers when it replies (`signalsRead`).
    this.signalsRead = this.#recorder.honourGpc(options.navigator)
      ? Promise.resolve()
      : this.#recorder.honourAdpc(options.navigator).then(() => undefined);
  }

  /** Resolves once the browser's privacy signals have been read and, where one refuses, honoured. */
  readonly signalsRead: Promise<void>;

  /** The language recorded with the next decisions: set it to the language the banner shows. */
  get language(): string | undefined {
    return this.#recorder.language;
  }

  set language(value: string | undefined) {
    this.#recorder.language = value;
  }

  acceptAll(method: ConsentMethod = 'accept-all'): ConsentRecord {
    return this.#recorder.acceptAll(method);
  }

  /** Refuses every consent category: `reject-all`, or `close` when the first layer was closed (R11). */
  rejectAll(method: ConsentMethod = 'reject-all'): ConsentRecord {
    return this.#recorder.rejectAll(method);
  }

  /**
   * Records a decision, stores it, sends it to the site's log, tells the other tabs and applies
   * it: newly allowed elements run at once; when something allowed before is now refused, its
   * declared cookies are deleted and the page reloads so its scripts stop. Returns the new record.
   */
  decide(choice: ConsentChoice, method: ConsentMethod): ConsentRecord {
    return this.#recorder.record(choice, method);
  }

  /** Forgets the stored choice, deletes the cookies of everything it allowed, and reloads. */
  reset() {
    this.#recorder.forget();
  }
}
