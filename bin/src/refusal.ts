import type {CDPSession, ElementHandle, Page} from 'puppeteer-core';
import type {Manifest} from '../../src/core/manifest.types.js';
import {needsConsent} from './names.js';
import type {KnownName, Namer} from './names.js';
import {Declarations} from './declarations.js';
import {statusOf} from './findings.js';
import type {CookieFinding, Owner, Status} from './findings.js';
import {readFrames} from './frame-log.js';
import type {FrameLog} from './frame-log.js';
import {writersOf} from './match.js';
import {settle} from './page-visit.js';
import type {JarCookie, PageFacts} from './page-visit.js';
import {CliError} from './sources.js';

/*
 * `scan --reject`: after the scan with no consent, the proof that "Reject all" holds. On the same
 * page, in the same fresh profile, the scan clicks the banner's real "Reject all" button: the
 * button of the first layer (in the shadow root of <consent-banner>) marked
 * `data-choice="reject-all"`, in whatever language the banner speaks (built in, or the site's own:
 * README, “A site's own language”). Then it loads the next page view (the page again, or `--next`) and records
 * every request with the cookies it carried (DevTools' Network.requestWillBeSentExtraInfo) and
 * every cookie name a script read (`document.cookie` and `cookieStore`, wrapped before the page
 * runs; the banner's own reads, from the directory of its script, do not count). A cookie of a
 * consent service, declared so in the manifest, or undeclared but known to the catalogue or to
 * trackerdb (fail closed), that is read or sent is a LEAK.
 */

export interface RefusalCookie {
  name: string;
  domain: string;
  status: Status;
  owner?: Owner;
  known?: KnownName;
  /** The requests of the next page view that carried it: how many, and the first few. */
  sent: {count: number; urls: string[]};
  /** The scripts (other than the banner's) that read it on the next page view. */
  readBy: string[];
}

export interface RefusalReport {
  /** The next page view's URL. */
  next: string;
  /** How the refusal was made: the button clicked and its language, or why none was. */
  refusal: {clicked: boolean; button?: string; language?: string; note: string};
  /** The next page view kept the refusal: the banner holds it and does not ask again (`null`: no banner). */
  kept: boolean | null;
  /** Requests the next page view made. */
  requests: number;
  /** Every cookie read or sent on the next page view. */
  cookies: RefusalCookie[];
  /** Cookies of consent services still stored, though neither read nor sent on the next page view. */
  stored: {name: string; domain: string; service: string}[];
  leaks: {name: string; domain: string; service: string; source: 'manifest' | 'catalogue' | 'trackerdb'; evidence: string[]}[];
  /** Undeclared cookies read or sent that the scan before consent did not list. */
  undeclared: number;
  /** Why the proof could not be made, when it could not. */
  failed?: string;
  problems: number;
}

/**
 * The first layer's "Reject all" button, by its `data-choice` (the first layer's and the
 * preferences' choices carry one): whatever language the banner speaks, a site's own included.
 */
function findRejectButton() {
  const root = document.querySelector('consent-banner')?.shadowRoot;
  const dialog = root?.querySelector('[part~=banner][open]') ?? root?.querySelector('dialog[open]');
  return dialog?.querySelector('button[data-choice="reject-all"]') ?? null;
}

/** What the banner shows instead, when no button fits. */
function describeBanner() {
  const root = document.querySelector('consent-banner')?.shadowRoot;
  const dialog = root?.querySelector('dialog[open]');
  return {
    element: Boolean(document.querySelector('consent-banner')),
    dialog: Boolean(dialog),
    language: dialog?.getAttribute('lang') ?? null,
    buttons: [...(dialog?.querySelectorAll('button') ?? [])].map((b) => b.textContent?.trim() ?? ''),
  };
}

async function bannerAfter(): Promise<{record: {method: string; categories: Record<string, boolean>} | null; asks: boolean} | null> {
  const element = document.querySelector('consent-banner') as (HTMLElement & {updateComplete?: Promise<unknown>; consent?: unknown}) | null;
  if (!element) return null;
  await Promise.race([element.updateComplete, new Promise((resolve) => setTimeout(resolve, 5000))]);
  return {
    record: (element.consent ?? null) as {method: string; categories: Record<string, boolean>} | null,
    asks: Boolean(element.shadowRoot?.querySelector('[part~=banner][open]')),
  };
}

interface Sent {
  requestId: string;
  name: string;
  domain: string;
}

export async function refuse({
  page,
  client,
  next,
  waitMs,
  facts,
  manifest,
  banner,
  namer,
  writers,
  before,
}: {
  page: Page;
  client: CDPSession;
  next: URL;
  waitMs: number;
  facts: PageFacts;
  manifest?: Manifest;
  /** Does the manifest ask for consent? (`undefined`: no valid manifest.) */
  banner?: boolean;
  namer: Namer;
  /** The frames' logs so far, for who wrote which cookie. */
  writers: FrameLog[];
  /** The cookies the scan before consent found. */
  before: CookieFinding[];
}): Promise<RefusalReport> {
  const consentCategories = (manifest?.categories ?? []).filter((c) => c.basis === 'consent').map((c) => c.id);
  let refusal: RefusalReport['refusal'];
  let failed: string | undefined;
  const logs = [...writers];

  if (banner === false) {
    refusal = {clicked: false, note: 'no banner: nothing on this site asks for consent, so the next page view is checked without a choice'};
  } else if (!facts.bannerLoaded) {
    refusal = {clicked: false, note: 'the page has no <consent-banner>'};
    failed = `no "Reject all" to click (${refusal.note})`;
  } else {
    const button = await page
      .waitForFunction(findRejectButton, {timeout: 10_000, polling: 100})
      .then((handle) => handle.asElement() as ElementHandle<Element> | null)
      .catch(() => null);
    if (!button) {
      const seen = await page.evaluate(describeBanner);
      const why = !seen.element
        ? 'the page has no <consent-banner>'
        : !seen.dialog
          ? 'the banner showed no first layer'
          : `the banner (language ${seen.language}) has no button data-choice="reject-all", only ${seen.buttons.map((b) => `"${b}"`).join(', ') || 'none'}`;
      refusal = {clicked: false, note: why};
      failed = `no "Reject all" to click (${why})`;
    } else {
      const {text, language} = await button.evaluate((b) => ({
        text: b.textContent?.trim() ?? '',
        language: b.closest('dialog')?.getAttribute('lang') ?? '',
      }));
      await button.click();
      const choice = await page
        .waitForFunction(() => (window as unknown as {__consentScan?: {choices: unknown[]}}).__consentScan?.choices.at(-1), {
          timeout: 10_000,
          polling: 100,
        })
        .then((handle) => handle.jsonValue() as Promise<{method: string; categories: Record<string, boolean>}>)
        .catch(() => undefined);
      refusal = {clicked: true, button: text, language, note: `clicked the banner's "${text}" button (${language})`};
      if (!choice) failed = `clicking "${text}" recorded no choice`;
      else if (consentCategories.some((id) => choice.categories?.[id])) failed = `clicking "${text}" did not refuse every consent category`;
      await settle(page, 0);
      logs.push(...(await readFrames(page)));
    }
  }

  // The next page view: every request and the cookies it carried.
  const urls = new Map<string, string>();
  const carried: Sent[] = [];
  const onRequest = (e: {requestId: string; request: {url: string}}) => void urls.set(e.requestId, e.request.url);
  const onExtra = (e: {requestId: string; associatedCookies?: {blockedReasons?: string[]; cookie: {name: string; domain: string}}[]}) => {
    for (const a of e.associatedCookies ?? []) {
      if (!a.blockedReasons?.length) carried.push({requestId: e.requestId, name: a.cookie.name, domain: a.cookie.domain});
    }
  };
  client.on('Network.requestWillBeSent', onRequest);
  client.on('Network.requestWillBeSentExtraInfo', onExtra);
  await client.send('Network.enable');
  try {
    const response =
      next.href === page.url()
        ? await page.reload({waitUntil: 'load', timeout: 30_000})
        : await page.goto(next.href, {waitUntil: 'load', timeout: 30_000});
    if (response && response.status() >= 400)
      throw new CliError(
        `cannot load the next page view ${next.href}: the server answered ${response.status()} ${response.statusText()}`.trim()
      );
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot load the next page view ${next.href}: ${(error as Error).message.replace(/ at https?:\/\/\S+$/, '')}`);
  }
  await settle(page, waitMs);
  const frames = await readFrames(page);
  const after = await page.evaluate(bannerAfter).catch(() => null);
  const nextBase = await page.evaluate(() => document.querySelector('[data-manifest]')?.getAttribute('src') ?? null).catch(() => null);
  const {cookies: jar} = (await client.send('Network.getAllCookies')) as {cookies: JarCookie[]};
  client.off('Network.requestWillBeSent', onRequest);
  client.off('Network.requestWillBeSentExtraInfo', onExtra);
  logs.push(...frames);

  const bannerBases = [facts.bannerBase, nextBase ? new URL(nextBase, page.url()).href.replace(/[^/]*$/, '') : null].filter(
    Boolean
  ) as string[];
  const byBanner = (script?: string) => Boolean(script && bannerBases.some((base) => script.startsWith(base)));

  // Every cookie read or sent, by name and domain.
  const found = new Map<string, {name: string; domain: string; sent: Set<string>; readBy: Set<string>}>();
  const entry = (name: string, domain: string) => {
    const key = `${name}\t${domain}`;
    if (!found.has(key)) found.set(key, {name, domain, sent: new Set(), readBy: new Set()});
    return found.get(key)!;
  };
  for (const c of carried) entry(c.name, c.domain).sent.add(urls.get(c.requestId) ?? '(a request)');
  for (const f of frames) {
    let host = '';
    try {
      host = new URL(f.url).hostname;
    } catch {
      // An opaque frame: its reads still count, on no domain.
    }
    for (const read of f.cookieReads) {
      if (byBanner(read.script)) continue;
      for (const name of read.names) {
        const stored = jar.filter((c) => c.name === name);
        for (const c of stored.length ? stored : [{name, domain: host}]) entry(c.name, c.domain).readBy.add(read.script ?? f.url);
      }
    }
  }

  const declarations = new Declarations(new URL(page.url()), manifest);
  const written = writersOf(logs, namer);
  const classify = (name: string, domain: string) => {
    const owner = declarations.cookieOwner(name, domain);
    const known = namer.cookie(name, domain, written.get(name), declarations.describes(owner));
    const status: Status = owner ? statusOf(owner) : needsConsent(known) ? 'leak' : 'undeclared';
    return {owner, known, status};
  };
  const cookies: RefusalCookie[] = [...found.values()].map((f) => {
    const {owner, known, status} = classify(f.name, f.domain);
    const sent = [...f.sent];
    return {
      name: f.name,
      domain: f.domain,
      status,
      ...(owner ? {owner} : {}),
      ...(known ? {known} : {}),
      sent: {count: sent.length, urls: sent.slice(0, 5)},
      readBy: [...f.readBy],
    };
  });
  const stored = jar
    .filter((c) => !found.has(`${c.name}\t${c.domain}`))
    .flatMap((c) => {
      const {owner, known, status} = classify(c.name, c.domain);
      return status === 'leak' ? [{name: c.name, domain: c.domain, service: owner?.service || known!.id}] : [];
    });
  const leaks = cookies
    .filter((c) => c.status === 'leak')
    .map((c) => ({
      name: c.name,
      domain: c.domain,
      service: c.owner?.service || c.known!.id,
      source: c.owner?.service ? ('manifest' as const) : c.known!.source,
      evidence: [
        ...(c.sent.count
          ? [`sent with ${c.sent.count} request${c.sent.count === 1 ? '' : 's'} (${c.sent.urls[0]}${c.sent.count > 1 ? ', …' : ''})`]
          : []),
        ...c.readBy.map((script) => `read by ${script}`),
      ],
    }));
  const undeclaredBefore = new Set(before.filter((c) => c.status === 'undeclared').map((c) => `${c.name}\t${c.domain}`));
  const undeclared = cookies.filter((c) => c.status === 'undeclared' && !undeclaredBefore.has(`${c.name}\t${c.domain}`)).length;

  let kept: boolean | null = null;
  if (refusal.clicked) {
    kept = Boolean(after?.record && !after.asks && !consentCategories.some((id) => after.record!.categories?.[id]));
    if (!kept && !failed)
      failed = after?.asks
        ? 'the refusal was not kept: the banner asks again on the next page view'
        : 'the refusal was not kept on the next page view';
  }
  return {
    next: page.url(),
    refusal,
    kept,
    requests: urls.size,
    cookies,
    stored,
    leaks,
    undeclared,
    ...(failed ? {failed} : {}),
    problems: leaks.length + undeclared + (failed ? 1 : 0),
  };
}
