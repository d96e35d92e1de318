import type {paintAccent} from '../browser/accent.js';
import type {ConsentRecorder} from '../browser/recorder.js';
import type {ConsentState} from '../browser/state.js';
import type {ConsentChoice, ConsentMethod, ConsentRecord} from '../core/consent.js';
import {formatIssue, parseManifest, resolveLink} from '../core/manifest.js';
import type {ManifestIssue} from '../core/manifest.types.js';
import type {GateTag} from '../core/script-gate.js';
import type {EmbedsView, FirstLayerView, PreferencesView, ViewHost, Words} from '../view-contract.js';
import {lazy} from './lazy.js';
import type {Lazy} from './lazy.js';
import type {Languages} from '../core/language.js';
import type {Modules} from './modules.js';

/*
 * The `session` module (`dist/consent-banner-session.min.js`, loader/modules.ts, `SessionModule`):
 * what a page view does once something is to be decided or shown, fetched by the loader only
 * then. The manifest's full check (a manifest that fails it is refused before anything is shown),
 * and the views (first layer, placeholders, preferences, declaration), each fetched together with
 * the words of the language the loader chose. What records a decision (the recorder,
 * `dist/consent-banner-recorder.min.js`, with the site's log when it has one) is fetched as the
 * visitor reaches for a choice, or when a decision is asked for.
 */

/**
 * The accent's colours (README, “Styling”). The views' sheets hold those of the default accent on
 * the default backgrounds, light and dark (ui/base.styles.ts). What derives them from a colour
 * (browser/accent.ts: `paintAccent`, the `accent` module) is fetched only for a page that gives the
 * banner (or a placeholder, the declaration) an accent or a background of its own, beside the
 * view, which waits for it: never drawn in the default colours first. Fetched, it paints every view.
 */
let painter: typeof paintAccent | undefined;
/**
 * Whether the page gives an element (the banner, a placeholder, the declaration) a background of
 * its own: read once for each, before a view's sheet gives it the default one, which would read
 * as the page's.
 */
const ownBackgrounds = new WeakMap<Element, boolean>();
const ownBackground = (element: Element) => {
  let own = ownBackgrounds.get(element);
  if (own === undefined) ownBackgrounds.set(element, (own = sets(element, ['background', 'placeholder-background'])));
  return own;
};

/** Whether one of the `--consent-<name>` properties is set on `element`. */
const sets = (element: Element, names: string[]) => {
  const style = getComputedStyle(element);
  return names.some((name) => style.getPropertyValue('--consent-' + name).trim());
};

/** What the loader's <consent-banner> lends its session. */
export interface SessionHost {
  readonly element: HTMLElement;
  readonly state: ConsentState;
  /** The manifest's JSON, for the full check. */
  readonly json: unknown;
  /** The manifest's URL (the page's for an inline or object manifest): its relative links resolve against it. */
  readonly base: string;
  /** The languages the loader chose (README, “Drop it in”). */
  readonly languages: Languages;
  /** Where the other modules come from (the loader's module source). */
  load<K extends keyof Modules>(name: K, language?: string): Promise<Modules[K]>;
  /** The words of the UI's language (`all`: of every view), else of the best built-in one (the site's own could not be used: said once). */
  loadWords(languages: Languages, all?: boolean): Promise<Words>;
  /**
   * The manifest cannot be used: one console error naming its problem (the loader fetches the
   * messages: the drop-in's session checks without them), `consent-error`, nothing more runs.
   */
  refuse(): void;
}

type Views = 'first-layer' | 'preferences' | 'embeds';

export class BannerSession {
  #host: SessionHost;
  /** The recorder (with the site's consent log), loaded once: once it is, decisions are recorded at once. */
  #recorder: Lazy<ConsentRecorder>;
  #firstLayer: Promise<FirstLayerView | undefined> | undefined;
  #preferences: Promise<PreferencesView | undefined> | undefined;
  #embeds: Promise<EmbedsView | undefined> | undefined;
  /** What the views are given, but for their words (fetched beside each view). */
  #view: Omit<ViewHost, 'words'>;
  /** The failures to load a view said so far: the words, which every view shares, missing is said once. */
  #failures = new Set<string>();
  /** What the views asked to have painted (frame → [on, surface]): painted again when the page gives an accent late. */
  #painted: Map<HTMLElement, [Element, Element | undefined]> | undefined;

  /** The session of `host`, or `undefined` when the manifest fails the full check (it is then refused). */
  static open(host: SessionHost): BannerSession | undefined {
    const full = parseManifest(host.json, {base: host.base});
    if (!full.ok) {
      host.refuse();
      return undefined;
    }
    // What the site owner is told, once, is said in the words of the check module, fetched for it:
    // the manifest's warnings (a log link not used), a page asking for a language the banner
    // cannot speak (or for one that is no language tag).
    const {fault, ui, available} = host.languages;
    if (full.warnings.length || fault)
      host.load('check').then(
        (check) => {
          const {warnings = []} = check.parseManifest(host.json, {base: host.base}) as {warnings?: ManifestIssue[]};
          for (const warning of warnings) console.warn(`consent-banner: ${formatIssue(warning)}`);
          if (fault) console.warn(`consent-banner: ${check.noticeOf(fault, ui, available)}`);
        },
        () => {}
      );
    return new BannerSession(host);
  }

  /**
   * The accent's colours on `frame`, for text on `surface` (ViewHost `paintAccent`; the re-open
   * control the loader draws): the sheets' own, unless the page has colours of its own for `on`.
   */
  paintAccent(on: Element, frame: HTMLElement, surface?: Element) {
    (this.#painted ??= this.#watchAccent()).set(frame, [on, surface]);
    if (painter) painter(on, frame, surface);
    // What the page set after the view was fetched: painted once the module is.
    else void this.#accent(on)?.then(() => painter?.(on, frame, surface));
  }

  /**
   * Every view still on the page painted again when the page changes its colours once it is on
   * screen (README, “Styling”): the banner's `accent`, `theme`, `style` or `class` set by a script,
   * or a stylesheet (`<link>`, `<style>`) that arrives after the drop-in; the accent's module is
   * fetched then, if the page now asks for it. Watched from the first view painted.
   */
  #watchAccent() {
    const painted = new Map<HTMLElement, [Element, Element | undefined]>();
    const repaint = () => {
      for (const [frame, [on, surface]] of painted)
        if (frame.isConnected) this.paintAccent(on, frame, surface);
        else painted.delete(frame);
    };
    new MutationObserver(repaint).observe(this.#host.element, {attributeFilter: ['accent', 'theme', 'style', 'class']});
    document.addEventListener('load', (event) => void (/^(LINK|STYLE)$/.test((event.target as Element).nodeName) && repaint()), true);
    return painted;
  }

  /**
   * The accent's module, fetched (once) when the page gives `on` or the banner an accent, or a
   * background of its own: resolves once it is in place; `undefined` when the defaults hold.
   */
  #accent(on: Element): Promise<void> | undefined {
    const banner = this.#host.element;
    if (
      painter ||
      !(
        ownBackground(banner) ||
        banner.hasAttribute('accent') ||
        sets(banner, ['accent']) ||
        (on !== banner && (sets(on, ['accent']) || ownBackground(on)))
      )
    )
      return;
    return this.#host.load('accent').then(
      (module) => void (painter = module.paintAccent),
      (error: unknown) => console.warn(`consent-banner: cannot load the accent's colours, so the default ones apply: ${error}`)
    );
  }

  private constructor(host: SessionHost) {
    this.#host = host;
    const {state, languages, load} = host;
    this.#recorder = lazy(() =>
      Promise.all([load('recorder'), state.manifest.log && load('log')]).then(
        ([{ConsentRecorder}, log]) =>
          new ConsentRecorder(state, {
            language: languages.ui,
            log: log ? log.consentLog(state.manifest, {base: host.base}) : null,
          }),
        (error: unknown) => {
          console.error(`consent-banner: cannot load the consent recorder, so no decision can be recorded: ${error}`);
          return undefined;
        }
      )
    );
    this.#view = {
      element: host.element,
      state,
      textLanguage: languages.texts,
      // The full check made sure each link of the manifest resolves to http(s).
      href: (link) => resolveLink(link, host.base)!,
      paintAccent: (on, frame, surface) => this.paintAccent(on, frame, surface),
      record: (choice, method) => void this.record(choice, method),
      showPreferences: () => void this.showPreferences(),
      preparePreferences: () => void this.#fetch('preferences').catch(() => {}),
      prepareRecorder: () => void this.loadRecorder(),
    };
    state.onChange(() => {
      // A decision that leaves purposes unanswered (an embed's placeholder, a program's partial
      // choice) closes the first layer, which asks again about what is left.
      void this.#firstLayer?.then((view) => {
        view?.recorded();
        if (state.mustAsk) view?.showBanner();
      });
      void this.#preferences?.then((view) => view?.recorded());
    });
  }

  /**
   * The recorder (with the site's consent log, when the manifest has one), loaded once; records
   * waiting for the log from an earlier page view are sent as it starts. `undefined` (with one
   * console error) when it cannot be loaded.
   */
  loadRecorder(): Promise<ConsentRecorder | undefined> {
    return this.#recorder.get();
  }

  /** Hands the recorder to `use`: at once when it is loaded (the decision is recorded before this returns), else once it is. */
  #withRecorder<T>(use: (recorder: ConsentRecorder) => T) {
    return this.#recorder.use(use);
  }

  /** Records a decision: `all` accepts every consent category, `none` refuses them. Resolves with the new record. */
  record(choice: ConsentChoice | 'all' | 'none', method: ConsentMethod): Promise<ConsentRecord | undefined> {
    return this.#withRecorder((recorder) =>
      choice === 'all' ? recorder.acceptAll(method) : choice === 'none' ? recorder.rejectAll(method) : recorder.record(choice, method)
    );
  }

  /** The browser's privacy signals (R35): the refusal recorded for GPC, else for ADPC, of what is still to ask. */
  honourSignals() {
    return this.#withRecorder((recorder) => recorder.honourGpc() ?? recorder.honourAdpc());
  }

  /** Forgets the stored choice, deletes the cookies it allowed, and reloads. */
  forget() {
    return this.#withRecorder((recorder) => recorder.forget());
  }

  /** Deletes the declared cookies of withdrawn services (the state reloads the page after). */
  clear(services: string[]) {
    return this.#host.load('recorder').then(
      ({clearServiceCookies}) => clearServiceCookies(this.#host.state.manifest, services),
      (error: unknown) => console.error(`consent-banner: cannot load what deletes the withdrawn cookies: ${error}`)
    );
  }

  showBanner() {
    this.#firstLayer ??= this.#loadView('first-layer', (m, host) => m.createFirstLayer(host));
    return this.#firstLayer.then((view) => view?.showBanner());
  }

  showPreferences() {
    // A visitor in the preferences is about to decide.
    void this.loadRecorder();
    this.#preferences ??= this.#loadView('preferences', (m, host) => m.createPreferences(host));
    return this.#preferences.then((view) => view?.showPreferences());
  }

  blocked(element: HTMLElement, tag: GateTag) {
    this.#embeds ??= this.#loadView('embeds', (m, host) => m.createEmbeds(host), element);
    return this.#embeds.then((view) => view?.blocked(element, tag));
  }

  released(element: Element) {
    return this.#embeds?.then((view) => view?.released(element));
  }

  /** Draws the cookie declaration into `element` (a <consent-declaration>). */
  declare(element: HTMLElement) {
    return this.#loadView('preferences', (m, host) => m.renderDeclaration(element, host), element);
  }

  /** Resolves when what was asked of the views is on screen, and the recorder in place if it was asked for. */
  settled(): Promise<unknown> {
    return Promise.all([this.#firstLayer, this.#preferences, this.#embeds, this.#recorder.started]);
  }

  /** The manifest changed: forget everything drawn. */
  resetViews() {
    for (const view of [this.#firstLayer, this.#preferences, this.#embeds]) void view?.then((v) => v?.reset());
  }

  /**
   * A view's module and the words of the UI's language, fetched together (each once): never the
   * words after the view. The first layer's words are a file of their own (`words`); the other
   * views take the second file too (`other-words`). The accent's module too, when the page gives
   * `on` (the element the view draws for) colours of its own.
   */
  #fetch<K extends Views>(name: K, on: Element = this.#host.element) {
    const {load, loadWords, languages} = this.#host;
    return Promise.all([load(name), loadWords(languages, name !== 'first-layer'), this.#accent(on)]);
  }

  #loadView<K extends Views, T>(name: K, use: (module: Modules[K], host: ViewHost) => T, on?: Element): Promise<T | undefined> {
    return this.#fetch(name, on).then(
      ([module, words]) => use(module, {...this.#view, words}),
      (error: unknown) => {
        if (!this.#failures.has(String(error)))
          console.error(`consent-banner: cannot load the banner's UI, so nothing that needs consent will run: ${error}`);
        this.#failures.add(String(error));
        return undefined;
      }
    );
  }
}
