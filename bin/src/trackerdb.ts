import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';

/*
 * Ghostery's tracker database (@ghostery/trackerdb, a devDependency: the CLI's, never the
 * visitors'), which `scan` asks about what the service catalogue lacks. It is loaded at run time,
 * when a scan starts: dist/cli.js keeps it out of its bundle (esbuild's --external), so the banner's
 * builds never see it and the CLI runs without it. The package ships a prebuilt engine
 * (dist/trackerdb.engine, @ghostery/adblocker's filter engine with the database's patterns,
 * organizations and categories) and `loadTrackerDB(bytes)`, which matches a URL (the patterns'
 * filters, then their domains) or a domain. It knows hosts and URLs, not cookie names: a cookie is
 * named by its domain, or by the script that wrote it.
 *
 * CONSENT_BANNER_TRACKERDB names another engine file. A package that is missing, or an engine
 * that does not load (its own version and checksum checks), is one line on stderr, and the scan
 * goes on with the catalogue alone.
 */

export interface TrackerMatch {
  /** The pattern's key, e.g. `yandex_metrika`. */
  pattern: string;
  /** The pattern's name, e.g. `Yandex Metrika`. */
  name: string;
  organization?: string;
  /** Where the organization publishes its privacy policy. */
  policyUrl?: string;
  /** The database's category key (`advertising`, `site_analytics`, …) and name. */
  category: string;
  categoryName: string;
}

export interface TrackerDb {
  /** The package's version, e.g. `1.0.945`, or `unknown`. */
  version: string;
  /** The engine file read. */
  engine: string;
  /** The pattern a request matches, by its filters or its host: the one whose domain fits the host best. */
  byUrl(url: string, sourceUrl: string, type?: string): TrackerMatch | undefined;
  /** The pattern a domain (a cookie's, a frame's) belongs to. */
  byDomain(domain: string): TrackerMatch | undefined;
}

interface Lookup {
  pattern: {key: string; name: string; domains?: string[]};
  organization: {name: string; privacy_policy_url?: string | null} | null;
  category: {key: string; name: string} | null;
}

interface Engine {
  matchUrl(request: {url: string; type?: string; sourceUrl?: string}, options?: {getDomainMetadata: boolean}): Lookup[];
  matchDomain(domain: string): Lookup[];
}

const PACKAGE = '@ghostery/trackerdb';

/** How well a pattern's domains fit `host`: the length of the longest one it is on, 0 for none. */
function fit(lookup: Lookup, host: string): number {
  const h = host.replace(/^\./, '').toLowerCase();
  return Math.max(0, ...(lookup.pattern.domains ?? []).filter((d) => h === d || h.endsWith(`.${d}`)).map((d) => d.length));
}

function best(lookups: Lookup[], host: string): TrackerMatch | undefined {
  if (!lookups.length) return undefined;
  // Stable: among equal fits, the engine's order (its filters before its domains).
  const chosen = lookups.map((l, i) => ({l, i, f: fit(l, host)})).sort((a, b) => b.f - a.f || a.i - b.i)[0].l;
  const policy = chosen.organization?.privacy_policy_url ?? undefined;
  return {
    pattern: chosen.pattern.key,
    name: chosen.pattern.name,
    ...(chosen.organization?.name ? {organization: chosen.organization.name} : {}),
    ...(policy ? {policyUrl: policy} : {}),
    category: chosen.category?.key ?? 'misc',
    categoryName: chosen.category?.name ?? 'Misc',
  };
}

/** Loads the database, or says in one line why not. */
export async function loadTrackerDb(): Promise<{db: TrackerDb; error?: undefined} | {db?: undefined; error: string}> {
  let load: (bytes: Uint8Array) => Promise<Engine>;
  let packageDir: string;
  try {
    // External to dist/cli.js (package.json, build:cli): Node finds it at run time, or not. Its
    // CommonJS entry loads for less CPU than its ES module one (0.19 s against 0.28 s here).
    const require = createRequire(import.meta.url);
    load = (require(PACKAGE) as {default: typeof load}).default;
    packageDir = join(dirname(require.resolve(PACKAGE)), '..', '..');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      error:
        code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
          ? `${PACKAGE} is not installed (npm install --save-dev ${PACKAGE})`
          : `${PACKAGE} does not load: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  const engine = process.env.CONSENT_BANNER_TRACKERDB || join(packageDir, 'dist', 'trackerdb.engine');
  let bytes: Buffer;
  try {
    bytes = readFileSync(engine);
  } catch (error) {
    return {error: `cannot read its engine ${engine}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`};
  }
  let loaded: Engine;
  try {
    loaded = await load(bytes);
  } catch (error) {
    return {error: `${engine} is not a trackerdb engine this version reads (${(error as Error).message.split('\n')[0]})`};
  }
  let version = 'unknown';
  try {
    version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {version: string}).version;
  } catch {
    // The version is for the report only.
  }
  const safely = (lookup: () => Lookup[]): Lookup[] => {
    try {
      return lookup();
    } catch {
      return [];
    }
  };
  return {
    db: {
      version,
      engine,
      byUrl(url, sourceUrl, type = 'other') {
        let host: string;
        try {
          host = new URL(url).hostname.replace(/^\[|\]$/g, '');
        } catch {
          return undefined;
        }
        return best(
          safely(() => loaded.matchUrl({url, sourceUrl, type}, {getDomainMetadata: true})),
          host
        );
      },
      byDomain(domain) {
        const bare = domain.replace(/^\./, '').toLowerCase();
        return best(
          safely(() => loaded.matchDomain(bare)),
          bare
        );
      },
    },
  };
}
