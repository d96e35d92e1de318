import type {DataLayerHost} from '../../src/core/consent-mode.js';
import type {ConsentChoice, ConsentMethod, ConsentRecord} from '../../src/core/consent.js';
import type {Manifest} from '../../src/core/manifest.types.js';
import {consentLog} from '../../src/browser/log.js';
import type {ConsentLogEnvironment} from '../../src/browser/log.js';
import {dataLayerSignals} from '../../src/browser/mode.js';
import {ConsentRecorder, clearServiceCookies} from '../../src/browser/recorder.js';
import type {SignalSource} from '../../src/browser/signals.js';
import {ConsentState} from '../../src/browser/state.js';
import type {ConsentStateOptions} from '../../src/browser/state.js';
import type {ConsentStore} from '../../src/browser/store.js';

export type {ConsentChangeSource, ConsentListener} from '../../src/browser/state.js';

/*
 * A test fixture, not part of the package: one page view's consent without the element, its
 * `ConsentState` (the stored choice, the gate, Consent Mode, the other tabs) and its
 * `ConsentRecorder` (decisions, the cookie, the log, the clean-up on withdrawal, the browser's
 * privacy signals) in one object, so that the state and recorder tests can decide in one call.
 * The drop-in keeps the two apart (the element makes the state; its session makes the recorder
 * when a decision is near, src/loader/session.ts), so that a page view with nothing to decide
 * never downloads the recorder.
 */

export interface PageConsentOptions extends Omit<ConsentStateOptions, 'store' | 'clear' | 'signals'> {
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

export class PageConsent extends ConsentState {
  #recorder: ConsentRecorder;
  /**
   * True when a stored choice was found at start. A refusal recorded at start for GPC is not
   * "restored" but new (`signalHonoured`): announce `record` at start whenever it is not `null`.
   */
  readonly restored: boolean;

  constructor(manifest: Manifest, options: PageConsentOptions = {}) {
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
