// The README's framework snippets (React, Vue, Svelte) compiled as a site owner's app would compile
// them: in a freshly scaffolded `npm create vite` app, against the real packages, with the app's
// own settings. A field report showed why stubs are not enough: the React snippet passed a check
// against hand-written React declarations but failed `npm run build` in a react-ts app
// (noUnusedLocals: 'HTMLAttributes', imported from 'react' for its `declare module 'react'` block,
// which sees React's own types without an import).
//
// For each template (react-ts, vue-ts, svelte-ts) the test builds a temporary app under
// os.tmpdir(): the template's package.json and tsconfig files, copied from create-vite into
// test/fixtures/vite-templates/ (see its README: versions, and the TypeScript 6 defaults added
// here), and a node_modules of links to this repository's real packages (@types/react, vue, vite,
// @vitejs/plugin-vue, svelte, @types/node) and to the two tsconfig packages the templates extend.
// 'consent-banner' resolves to src/index.ts through a `paths` entry: no build is needed for the
// types. Then:
// - React: the TypeScript compiler API with the react-ts tsconfig.app.json options, one program
//   per copy of the snippet (each copy augments React's JSX types, so copies cannot share one);
// - Vue: `vue-tsc` on the vue-ts app, once, for the SFC and its broken copies side by side; the
//   vite.config.ts snippet with the tsconfig.node.json options, and run against the real
//   @vitejs/plugin-vue: Vue's compiler then leaves <consent-banner> to the browser;
// - Svelte: `svelte-check` on the svelte-ts app, once, likewise; its warnings count too.
// vue-tsc and svelte-check start at once and run while the React checks do.
// Only the diagnostics of the snippets' own files count: through `paths` the programs also compile
// src/ under the apps' settings (erasableSyntaxOnly, no DOM.Iterable), which no site owner does (they
// get dist/*.d.ts, with skipLibCheck); src/ is checked by `npm run typecheck`.
//
// Neither vue-tsc nor svelte-check types the events of an unknown element, so the markup of the
// Vue and Svelte templates is checked against dist/custom-elements.json (attributes, events), and
// each event handler against the typed event, by a copy of the component whose script ends with
// `(handler) satisfies (event: HTMLElementEventMap['consent-change']) => unknown;`. (Reading dist/,
// this file waits for the build in `npm test`.)
// Each check is shown to fail on a broken copy. The plain-HTML snippet is rendered in Chromium by
// test/e2e/readme-html.test.mjs.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {after, describe, it} from 'node:test';
import {pathToFileURL} from 'node:url';
import ts from 'typescript';
import {loadCore, root} from '../node/load-core.mjs';
import {readmeSnippets} from '../node/readme.mjs';

const {startTags} = await loadCore('bin/src/html-tags.ts');
const snippets = readmeSnippets();
const snippet = (name) => snippets.get(name)?.code ?? '';

const FIXTURES = `${root}test/fixtures/vite-templates/`;
/** What the templates get from TypeScript 6 and 7 without writing it (this repository has 5.9). */
const TS6_DEFAULTS = {strict: true, noUncheckedSideEffectImports: true};
const GLOBAL_ATTRIBUTES = /^(id|class|lang|title|hidden|slot|part|style|data-[\w-]+|aria-[\w-]+)$/;

// ---- The temporary apps ----

const tmp = mkdtempSync(join(tmpdir(), 'readme-snippets-'));
after(() => rmSync(tmp, {recursive: true, force: true}));

/**
 * A scaffolded app of `template` in the temporary folder: the template's files, node_modules
 * linking `packages` (this repository's, or the fixtures' tsconfig packages), the given source
 * files, and tsconfig.check.json: tsconfig.app.json with the TypeScript 6 defaults and
 * 'consent-banner' mapped to src/index.ts. Returns the app's folder.
 */
function scaffold(template, packages, files) {
  const app = join(tmp, template);
  cpSync(`${FIXTURES}${template}`, app, {recursive: true});
  for (const name of packages) {
    const target = ['@vue/tsconfig', '@tsconfig/svelte'].includes(name) ? `${FIXTURES}packages/${name}` : `${root}node_modules/${name}`;
    mkdirSync(dirname(join(app, 'node_modules', name)), {recursive: true});
    symlinkSync(target, join(app, 'node_modules', name), 'dir');
  }
  const compilerOptions = {...TS6_DEFAULTS, paths: {'consent-banner': [`${root}src/index.ts`]}};
  writeFileSync(join(app, 'tsconfig.check.json'), JSON.stringify({extends: './tsconfig.app.json', compilerOptions}));
  for (const [name, code] of Object.entries(files)) {
    mkdirSync(dirname(join(app, name)), {recursive: true});
    writeFileSync(join(app, name), `${code}\n`);
  }
  return app;
}

/** Runs a package's command-line script with node in `cwd`; resolves with its exit code and output. */
function runBin(script, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${root}node_modules/${script}`, ...args], {cwd, stdio: ['ignore', 'pipe', 'pipe']});
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => resolve({code: -1, stdout, stderr: String(error)}));
    child.on('close', (code) => resolve({code, stdout, stderr}));
  });
}

// ---- The markup of the Vue and Svelte templates, against custom-elements.json ----

/** `<consent-banner>` as custom-elements.json describes it. */
function describedElement() {
  const manifest = JSON.parse(readFileSync(`${root}dist/custom-elements.json`, 'utf8'));
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'consent-banner');
  assert.ok(element, 'custom-elements.json describes <consent-banner>');
  return {attributes: new Set(element.attributes.map((a) => a.name)), events: new Set(element.events.map((e) => e.name))};
}

/**
 * The <consent-banner> tags of a template: `problems()` checks their attributes and events against
 * custom-elements.json (read then, in a test: dist/ is built by then); `handlers` are one statement
 * per event handler that checks it against the typed event.
 */
function checkMarkup(template, eventOf) {
  const banners = startTags(template).filter((t) => t.name === 'consent-banner');
  const listened = banners.flatMap((tag) => [...tag.attributes].map(([name, value]) => ({name, value, event: eventOf(name)})));
  const handlers = listened
    .filter(({event}) => event !== undefined)
    .map(({value, event}) => `(${value.replace(/^\{|\}$/g, '')}) satisfies (event: HTMLElementEventMap['${event}']) => unknown;`);
  const problems = () => {
    const {attributes, events} = describedElement();
    return [
      ...(banners.length ? [] : ['no <consent-banner> in the template']),
      ...listened.flatMap(({name, event}) => {
        if (event !== undefined) return events.has(event) ? [] : [`<consent-banner> has no event "${event}"`];
        return attributes.has(name) || GLOBAL_ATTRIBUTES.test(name) ? [] : [`<consent-banner> has no attribute "${name}"`];
      }),
    ];
  };
  return {problems, handlers};
}

/** A Vue SFC's template checks, and the SFC with its handlers checked at the end of its script. */
function vueMarkup(sfc) {
  const template = /<template>([\s\S]*)<\/template>/.exec(sfc)?.[1] ?? '';
  const {problems, handlers} = checkMarkup(template, (name) => /^(?:@|v-on:)(.+)$/.exec(name)?.[1]);
  return {problems, handlers, checked: sfc.replace('</script>', `${handlers.join('\n')}\n</script>`)};
}

/** A Svelte component's markup checks, and the component with its handlers checked at the end of its script. */
function svelteMarkup(component) {
  const markup = component.slice(component.indexOf('</script>') + 9);
  const {problems, handlers} = checkMarkup(markup, (name) => /^on(.+)$/.exec(name)?.[1]);
  return {problems, handlers, checked: component.replace('</script>', `${handlers.map((h) => `  ${h}`).join('\n')}\n</script>`)};
}

// ---- Broken copies: each must fail the check its name says ----

const react = snippet('react');
const vue = snippet('vue');
const svelte = snippet('svelte');
/** The React snippet of the field report: React's types imported for the augmentation, which sees them without. */
const reactUnusedImport = react.replace(
  "from 'react';\n",
  "from 'react';\nimport type {DetailedHTMLProps, HTMLAttributes} from 'react';\n"
);
/** consent-error is a real event whose detail is not a ConsentRecord. */
const vueWrongEvent = vue.replace('@consent-change=', '@consent-error=');
const svelteWrongEvent = svelte.replace('onconsent-change=', 'onconsent-error=');

// ---- Vue and Svelte: one run each, started now, while the React checks run ----

const vueApp = scaffold('vue-ts', ['vue', 'vite', '@vitejs/plugin-vue', '@types/node', '@vue/tsconfig'], {
  'vite.config.ts': snippet('vue-config'),
  'src/CookieConsent.vue': vue,
  'src/CookieConsentHandlers.vue': vueMarkup(vue).checked,
  'src/BrokenWrongEvent.vue': vueMarkup(vueWrongEvent).checked,
  'src/BrokenUnusedImport.vue': vue.replace('import type {ConsentRecord}', 'import type {ConsentBanner, ConsentRecord}'),
  'src/BrokenCondition.vue': vue.replace('consent?.categories.performance', 'consent?.category.performance'),
});
const vueRun = runBin('vue-tsc/bin/vue-tsc.js', ['-p', 'tsconfig.check.json', '--pretty', 'false'], vueApp);

const svelteApp = scaffold('svelte-ts', ['svelte', 'vite', '@tsconfig/svelte'], {
  'src/CookieConsent.svelte': svelte,
  'src/CookieConsentHandlers.svelte': svelteMarkup(svelte).checked,
  'src/BrokenWrongEvent.svelte': svelteMarkup(svelteWrongEvent).checked,
  'src/BrokenCondition.svelte': svelte.replace('consent?.categories.performance', 'consent?.category.performance'),
  'src/BrokenLink.svelte': svelte.replace(/<button type="button" data-consent-open>(.*)<\/button>/, '<a href="#" data-consent-open>$1</a>'),
});
const svelteRun = runBin(
  'svelte-check/bin/svelte-check',
  ['--tsconfig', './tsconfig.check.json', '--output', 'machine-verbose'],
  svelteApp
);

/** vue-tsc's diagnostics of the app's own files: relative path → [`line: TSnnnn message`]. */
async function vueDiagnostics() {
  const {code, stdout, stderr} = await vueRun;
  assert.ok(code === 0 || code === 1 || code === 2, `vue-tsc ran (exit ${code})\n${stderr}`);
  const byFile = new Map();
  for (const line of stdout.split('\n')) {
    const found = /^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line);
    if (found) {
      const [, file, row, tsCode, message] = found;
      if (file.startsWith('src/')) byFile.set(file, [...(byFile.get(file) ?? []), `${row}: ${tsCode} ${message}`]);
    } else if (/^\S/.test(line)) {
      // An error of no file (the options, the config): the run itself is wrong.
      byFile.set('(global)', [...(byFile.get('(global)') ?? []), line]);
    }
  }
  return byFile;
}

/** svelte-check's diagnostics: relative path → [`ERROR|WARNING line: message`]. */
async function svelteDiagnostics() {
  const {stdout, stderr} = await svelteRun;
  assert.match(stdout, /^\d+ COMPLETED /m, `svelte-check ran\n${stdout}\n${stderr}`);
  const byFile = new Map();
  for (const line of stdout.split('\n')) {
    const json = /^\d+ (\{.*\})$/.exec(line)?.[1];
    if (!json) continue;
    const {type, filename, start, message} = JSON.parse(json);
    byFile.set(filename, [...(byFile.get(filename) ?? []), `${type} ${start.line + 1}: ${message}`]);
  }
  return byFile;
}

// ---- React and vite.config.ts: the TypeScript compiler API ----

const reactApp = scaffold('react-ts', ['@types/react', 'vite'], {'src/CookieConsent.tsx': react});

/** A template's parsed tsconfig: `name` in `app`, with the TypeScript 6 defaults. */
function parseConfig(app, name) {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(app, name), TS6_DEFAULTS, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  });
  assert.deepEqual(parsed.errors, []);
  return parsed;
}

const reactConfig = parseConfig(reactApp, 'tsconfig.check.json');
const nodeConfig = parseConfig(vueApp, 'tsconfig.node.json');

/** Parsed files, per config, shared by every program of this file: the libraries and src/ are read once. */
const parsedFiles = new Map();

/**
 * Type-checks `code` as the file `name` of the app that `config` belongs to (which includes it);
 * returns its diagnostics as `line: TSnnnn message`. `withEvents: false`: as if src/events.ts
 * declared no event map.
 */
function typecheck(config, name, code, {withEvents = true} = {}) {
  assert.ok(config.fileNames.includes(name), `${name} is one of the app's files`);
  const {options} = config;
  const virtual = new Map([[name, code]]);
  if (!withEvents) {
    const events = readFileSync(`${root}src/events.ts`, 'utf8');
    virtual.set(`${root}src/events.ts`, events.replace(/declare global \{[\s\S]*\n\}\n?$/, ''));
  }
  if (!parsedFiles.has(config)) parsedFiles.set(config, new Map());
  const cache = parsedFiles.get(config);
  const host = ts.createCompilerHost(options);
  const {getSourceFile, readFile} = host;
  host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) =>
    virtual.has(file)
      ? ts.createSourceFile(file, virtual.get(file), language, true)
      : (cache.get(file) ?? cache.set(file, getSourceFile.call(host, file, language, ...rest)).get(file));
  const program = ts.createProgram({rootNames: [name], options, host});
  const file = program.getSourceFile(name);
  return [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(file),
    ...program.getSemanticDiagnostics(file),
  ].map((d) => {
    const where = d.file
      ? `${d.file === file ? '' : `${d.file.fileName} `}${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: `
      : '';
    return `${where}TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

const reactFile = join(reactApp, 'src/CookieConsent.tsx');
const viteConfigFile = join(vueApp, 'vite.config.ts');

describe('the README snippets', () => {
  it('are all there: plain HTML, React, Vue (and its Vite config), Svelte', () => {
    assert.deepEqual([...snippets.keys()].sort(), ['html', 'react', 'svelte', 'vue', 'vue-config']);
    assert.deepEqual(
      [...snippets.values()].map((s) => s.lang),
      ['html', 'tsx', 'vue', 'ts', 'svelte']
    );
  });

  it('React: compiles in a react-ts app (@types/react 19, tsconfig.app.json): the element, its ref, the typed consent-change listener', () => {
    assert.deepEqual(typecheck(reactConfig, reactFile, react), []);
  });

  it('React: the check fails on the unused import of the field report, a misspelt method or tag, a number for manifest, or without the event types', () => {
    assert.notEqual(reactUnusedImport, react);
    assert.deepEqual(typecheck(reactConfig, reactFile, reactUnusedImport), ["2: TS6196 'HTMLAttributes' is declared but never used."]);
    for (const [from, to] of [
      ['showPreferences()', 'showPreference()'],
      ['<consent-banner ref', '<consent-baner ref'],
      ['manifest="/cookie-manifest.json"', 'manifest={42}'],
    ]) {
      assert.ok(react.includes(from), from);
      assert.notDeepEqual(typecheck(reactConfig, reactFile, react.replace(from, to)), [], to);
    }
    const untyped = typecheck(reactConfig, reactFile, react, {withEvents: false});
    assert.ok(
      untyped.some((d) => /consent-change|EventListener/.test(d)),
      untyped.join('\n')
    );
  });

  it('Vue: the Vite config compiles with tsconfig.node.json (real vite and @vitejs/plugin-vue types), and fails with a misspelt option', () => {
    const config = snippet('vue-config');
    assert.deepEqual(typecheck(nodeConfig, viteConfigFile, config), []);
    assert.ok(config.includes('compilerOptions:'));
    assert.notDeepEqual(typecheck(nodeConfig, viteConfigFile, config.replace('compilerOptions:', 'compilerOption:')), []);
  });

  it('Vue: with the Vite config, the real plugin has Vue leave <consent-banner> (and consent-*) to the browser, and nothing else', async () => {
    const load = async (name, code) => {
      const js = ts.transpileModule(code, {compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022}}).outputText;
      writeFileSync(join(vueApp, name), js);
      const {default: config} = await import(pathToFileURL(join(vueApp, name)).href);
      return config.plugins.find((plugin) => plugin.name === 'vite:vue').api.options.template.compilerOptions;
    };
    const {compileTemplate} = await import('vue/compiler-sfc');
    const template = /<template>([\s\S]*)<\/template>/.exec(vue)?.[1] ?? '';
    const resolved = (compilerOptions) =>
      [
        ...compileTemplate({source: template, filename: 'CookieConsent.vue', id: 'c', compilerOptions}).code.matchAll(
          /resolveComponent\("([\w-]+)"\)/g
        ),
      ].map(([, tag]) => tag);
    const options = await load('vite.config.mjs', snippet('vue-config'));
    assert.deepEqual(resolved(options), []);
    assert.equal(options.isCustomElement('consent-placeholder'), true);
    assert.equal(options.isCustomElement('router-view'), false);
    // Broken: without the option, Vue takes <consent-banner> for a Vue component.
    const broken = await load('vite.config.broken.mjs', snippet('vue-config').replace("tag.startsWith('consent-')", 'false'));
    assert.deepEqual(resolved(broken), ['consent-banner']);
  });

  it('Vue: compiles in a vue-ts app (vue-tsc, tsconfig.app.json), the template uses real attributes and events, the handler fits the event', async () => {
    const {problems, handlers} = vueMarkup(vue);
    assert.deepEqual(problems(), []);
    assert.deepEqual(handlers, ["(onChange) satisfies (event: HTMLElementEventMap['consent-change']) => unknown;"]);
    const diagnostics = await vueDiagnostics();
    for (const file of ['(global)', 'src/CookieConsent.vue', 'src/CookieConsentHandlers.vue'])
      assert.deepEqual(diagnostics.get(file), undefined, file);
  });

  it('Vue: the check fails on an unknown event or attribute, a handler for another event, an unused import, or a wrong v-if', async () => {
    assert.deepEqual(vueMarkup(vue.replace('@consent-change', '@consent-changed')).problems(), [
      '<consent-banner> has no event "consent-changed"',
    ]);
    assert.deepEqual(vueMarkup(vue.replace('manifest=', 'src=')).problems(), ['<consent-banner> has no attribute "src"']);
    const diagnostics = await vueDiagnostics();
    assert.match(
      diagnostics.get('src/BrokenWrongEvent.vue')?.join('\n') ?? '',
      /TS1360 .*does not satisfy .*CustomEvent<ConsentErrorDetail>/
    );
    assert.deepEqual(diagnostics.get('src/BrokenUnusedImport.vue'), ["4: TS6196 'ConsentBanner' is declared but never used."]);
    assert.match(diagnostics.get('src/BrokenCondition.vue')?.join('\n') ?? '', /TS\d+ .*'category'/);
  });

  it('Svelte: compiles in a svelte-ts app (svelte-check, tsconfig.app.json) with no warning, the markup uses real attributes and events, the handler fits the event', async () => {
    const {problems, handlers} = svelteMarkup(svelte);
    assert.deepEqual(problems(), []);
    assert.deepEqual(handlers, ["(onChange) satisfies (event: HTMLElementEventMap['consent-change']) => unknown;"]);
    const diagnostics = await svelteDiagnostics();
    for (const file of ['src/CookieConsent.svelte', 'src/CookieConsentHandlers.svelte'])
      assert.deepEqual(diagnostics.get(file), undefined, file);
  });

  it('Svelte: the check fails on an event name without its dash, a handler for another event, a wrong {#if}, or a link to "#"', async () => {
    assert.deepEqual(svelteMarkup(svelte.replace('onconsent-change', 'onconsentchange')).problems(), [
      '<consent-banner> has no event "consentchange"',
    ]);
    const diagnostics = await svelteDiagnostics();
    assert.match(
      diagnostics.get('src/BrokenWrongEvent.svelte')?.join('\n') ?? '',
      /^ERROR .*does not satisfy .*CustomEvent<ConsentErrorDetail>/m
    );
    assert.match(diagnostics.get('src/BrokenCondition.svelte')?.join('\n') ?? '', /^ERROR .*'category'/m);
    assert.match(diagnostics.get('src/BrokenLink.svelte')?.join('\n') ?? '', /^WARNING .*href/m);
  });
});
