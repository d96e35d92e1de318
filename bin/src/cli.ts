import {writeFile} from 'node:fs/promises';
import {parseArgs} from 'node:util';
import {draftFile, draftManifest} from './draft.js';
import {explain, formatExplanation} from './explain.js';
import {scan} from './scan.js';
import {formatScan} from './scan-text.js';
import {CliError, isUrl} from './sources.js';
import {forTerminal, visible} from './terminal.js';
import {formatValidation, validate} from './validate.js';

/*
 * `npx consent-banner <command>`: validate, explain and scan cookie manifests. Exit codes: 0 all
 * good; 1 a manifest is invalid, or a scan found leaks (before consent, or after "Reject all") or
 * undeclared cookies or storage, or explain found a page's tracker NOT BLOCKED or no way back to
 * the choices (unless --warn-only); 2 the
 * command could not run (bad arguments, a missing file, an unreachable URL, no browser).
 */

const USAGE = `Usage: consent-banner <command> [options]

Commands:
  validate <manifest>...        Check manifests as the banner does; errors with JSON path and line.
      --strict                  Exit 1 on warnings too.
      --base <url>              Where the manifests are served (https://shop.example/ or the
                                manifest's own URL): relative links are checked as the URLs they
                                resolve to. Default: a manifest's own URL; a file's relative
                                links are only checked to be links.
  explain <manifest>            What a visitor will see: banner or not and why, categories,
                                services, Consent Mode.
      --page <file-or-url>      Also list which tagged scripts and embeds of a page wait for consent.
      --lang <tag>              Language of the manifest's texts in the output (default: en).
      --warn-only               Exit 0 although the page has NOT BLOCKED trackers or no way
                                back to the choices (an invalid manifest still exits 1).
  scan <url>                    Load the page in headless Chromium with no consent given; report
                                cookies, storage, third-party requests and <noscript> trackers
                                against the manifest and the known trackers, each LEAK with its fix.
      --manifest <file-or-url>  The manifest (default: the page's data-manifest).
      --draft <file>            Write a manifest skeleton with what was found (never overwrites).
      --wait <ms>               Extra wait after the network goes quiet (default: 1000).
      --reject                  Then click the banner's "Reject all" and check the next page
                                view: a consent service's cookie read or sent there is a LEAK.
      --next <url>              The next page view for --reject (default: the page again).
  records <command>             Receive and keep the banner's consent records (serve), and
                                verify, export, publish and stats: consent-banner records --help.

Every command takes --json for machine-readable output. A <manifest> is a file or an http(s) URL.
Chromium: $CHROME_PATH, else /usr/bin/chromium; $CHROME_ARGS adds flags; $CHROME_WS_ENDPOINT
(ws://…) uses a Chromium already running instead. scan names what it finds
from the service catalogue, then from @ghostery/trackerdb when installed.
Exit codes: 0 good; 1 invalid manifest, leaks or undeclared cookies found (scan), or something
that needs consent NOT BLOCKED or no way back to the choices (explain --page); 2 could not run.`;

const OPTIONS = {
  json: {type: 'boolean'},
  strict: {type: 'boolean'},
  base: {type: 'string'},
  page: {type: 'string'},
  lang: {type: 'string'},
  manifest: {type: 'string'},
  draft: {type: 'string'},
  wait: {type: 'string'},
  reject: {type: 'boolean'},
  next: {type: 'string'},
  'warn-only': {type: 'boolean'},
  help: {type: 'boolean', short: 'h'},
} as const;

const ALLOWED: Record<string, string[]> = {
  validate: ['json', 'strict', 'base'],
  explain: ['json', 'page', 'lang', 'warn-only'],
  scan: ['json', 'manifest', 'draft', 'wait', 'reject', 'next'],
};

const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
/** Text for a person: a report goes through forTerminal before it is formatted, and all of it through `visible` (terminal.ts). */
const print = (text: string) => process.stdout.write(line(visible(text, '\n')));
const printError = (text: string) => process.stderr.write(line(visible(text, '\n')));
/** --json: as it is (JSON escapes control characters itself). */
const json = (value: unknown) => process.stdout.write(line(JSON.stringify(value, null, 2)));

export async function main(argv: string[]): Promise<number> {
  // `records …`: the record receiver and its tools, with options of their own (records/cli.ts).
  if (argv[0] === 'records') return (await import('../../records/cli.js')).records(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({args: argv, options: OPTIONS, allowPositionals: true, strict: true});
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const {values, positionals} = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === 'help' || !command) {
    print(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (!ALLOWED[command]) throw new CliError(`unknown command "${command}"\n\n${USAGE}`);
  for (const name of Object.keys(values)) {
    if (name !== 'help' && !ALLOWED[command].includes(name)) throw new CliError(`${command} does not take --${name}`);
  }

  if (command === 'validate') {
    if (!rest.length) throw new CliError('validate needs at least one manifest: consent-banner validate cookie-manifest.json');
    const {base} = values;
    if (base !== undefined && !(isUrl(base) && URL.canParse(base)))
      throw new CliError(`--base takes the http(s) URL the manifest is served from, got "${base}"`);
    const results = [];
    for (const file of rest) results.push(await validate(file, base));
    if (values.json) json(results);
    else print(results.map((result) => formatValidation(forTerminal(result))).join('\n'));
    const failed = results.some((r) => !r.valid || (values.strict && r.warnings.length));
    return failed ? 1 : 0;
  }

  if (command === 'explain') {
    if (rest.length !== 1)
      throw new CliError('explain takes one manifest: consent-banner explain cookie-manifest.json [--page index.html]');
    const explanation = await explain(rest[0], {page: values.page, lang: values.lang});
    if (values.json) json(explanation);
    else print(formatExplanation(forTerminal(explanation)));
    return !explanation.valid || (explanation.problems && !values['warn-only']) ? 1 : 0;
  }

  // scan
  if (rest.length !== 1) throw new CliError('scan takes one URL: consent-banner scan https://www.example.com/');
  const waitMs = values.wait === undefined ? undefined : Number(values.wait);
  if (waitMs !== undefined && !(Number.isInteger(waitMs) && waitMs >= 0))
    throw new CliError(`--wait takes milliseconds, got "${values.wait}"`);
  if (values.next !== undefined && !values.reject)
    throw new CliError('--next names the page view after "Reject all": use it with --reject');
  const {report, manifestValue} = await scan(rest[0], {manifest: values.manifest, waitMs, reject: values.reject, next: values.next});
  if (report.names.trackerdbError)
    printError(`consent-banner: trackerdb: ${visible(report.names.trackerdbError)}; names come from the catalogue only`);
  let drafted: string | undefined;
  if (values.draft) {
    const draft = draftManifest(report, report.manifest?.valid ? manifestValue : undefined);
    try {
      await writeFile(values.draft, draftFile(draft), {flag: 'wx'});
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliError(
        code === 'EEXIST'
          ? `${values.draft} already exists: give --draft a new file name (nothing was overwritten)`
          : `cannot write the draft ${values.draft}: ${(error as Error).message}`
      );
    }
    drafted = values.draft;
  }
  if (values.json) json(drafted ? {...report, draft: drafted} : report);
  else print(formatScan(forTerminal(report)) + (drafted ? `\nDraft manifest written to ${visible(drafted)}: check it before use.` : ''));
  return report.problems ? 1 : 0;
}

export async function run(argv: string[]) {
  try {
    process.exitCode = await main(argv);
  } catch (error) {
    if (error instanceof CliError) {
      printError(`consent-banner: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    // A fault of the CLI itself: it could not run (2), never "invalid" or "leaks" (1).
    printError(`consent-banner: unexpected error, please report it: ${(error as Error)?.stack ?? error}`);
    process.exitCode = 2;
  }
}
