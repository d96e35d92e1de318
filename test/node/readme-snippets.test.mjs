// The README's framework snippets (React, Vue, Svelte), type-checked as a site owner's project
// would be, with the installed TypeScript and no framework installed: 'consent-banner' resolves to
// src/index.ts (plus src/events.ts, its event types), and React, Vue, Vite and Svelte are minimal
// declarations of only what the snippets use. JSX is checked against an IntrinsicElements map
// without an index signature; the markup of the Vue and Svelte templates against
// dist/custom-elements.json (attributes, events), and their event handlers against the typed
// events. Each check is shown to fail on a broken copy. The plain-HTML snippet is rendered in
// Chromium by test/e2e/readme-html.test.mjs.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import ts from 'typescript';
import {loadCore, root} from './load-core.mjs';
import {readmeSnippets} from './readme.mjs';

const {startTags} = await loadCore('bin/src/html-tags.ts');

const STUBS = `
declare module 'react' {
  export interface RefObject<T> { current: T }
  export type Ref<T> = RefObject<T | null> | ((instance: T | null) => void) | null;
  export function useRef<T>(initial: T | null): RefObject<T | null>;
  export function useState<S>(initial: S): [S, (next: S) => void];
  export function useEffect(effect: () => void | (() => void), deps?: readonly unknown[]): void;
  export type ReactNode = string | number | boolean | null | undefined | JSX.Element | ReactNode[];
  export interface ClassAttributes<T> { ref?: Ref<T>; key?: string | number }
  export interface HTMLAttributes<T> {
    id?: string; className?: string; lang?: string; hidden?: boolean; title?: string;
    children?: ReactNode; onClick?: (event: MouseEvent & {currentTarget: T}) => void;
  }
  export type DetailedHTMLProps<E, T> = ClassAttributes<T> & E;
  export namespace JSX {
    interface Element { readonly __reactElement: true }
    interface ElementChildrenAttribute { children: {} }
    interface IntrinsicAttributes { key?: string | number }
    interface IntrinsicElements {
      p: DetailedHTMLProps<HTMLAttributes<HTMLParagraphElement>, HTMLParagraphElement>;
      button: DetailedHTMLProps<HTMLAttributes<HTMLButtonElement>, HTMLButtonElement> & {type?: 'button' | 'submit' | 'reset'};
    }
  }
}
declare module 'react/jsx-runtime' {
  import type {JSX as ReactJSX} from 'react';
  export namespace JSX {
    interface Element extends ReactJSX.Element {}
    interface ElementChildrenAttribute extends ReactJSX.ElementChildrenAttribute {}
    interface IntrinsicAttributes extends ReactJSX.IntrinsicAttributes {}
    interface IntrinsicElements extends ReactJSX.IntrinsicElements {}
  }
  export function jsx(type: unknown, props: unknown, key?: unknown): JSX.Element;
  export function jsxs(type: unknown, props: unknown, key?: unknown): JSX.Element;
  export const Fragment: unique symbol;
}
declare module 'vue' {
  export interface Ref<T> { value: T }
  export function ref<T>(initial: T): Ref<T>;
}
declare module 'vite' {
  export function defineConfig(config: {plugins?: unknown[]}): unknown;
}
declare module '@vitejs/plugin-vue' {
  export default function vue(options?: {template?: {compilerOptions?: {isCustomElement?: (tag: string) => boolean}}}): unknown;
}
/** Svelte 5 rune. */
declare function $state<T>(initial: T): T;
`;

const GLOBAL_ATTRIBUTES = /^(id|class|lang|title|hidden|slot|part|style|data-[\w-]+|aria-[\w-]+)$/;

/** The files read from disk (the libraries, src/), parsed once for every check of this file. */
const parsed = new Map();

/** Type-checks virtual files (name → code); returns the diagnostics as `file:line: message`. */
function typecheck(files, {withEvents = true} = {}) {
  const dir = `${root}.readme-snippets/`;
  const virtual = new Map([[`${dir}stubs.d.ts`, STUBS], ...Object.entries(files).map(([name, code]) => [`${dir}${name}`, code])]);
  // Without the event types: src/events.ts as if it declared no event map (the entry imports it).
  if (!withEvents) {
    const events = readFileSync(`${root}src/events.ts`, 'utf8');
    virtual.set(`${root}src/events.ts`, events.replace(/declare global \{[\s\S]*\n\}\n?$/, ''));
  }
  const options = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: [],
    skipLibCheck: true,
    noEmit: true,
    experimentalDecorators: true,
    useDefineForClassFields: false,
    paths: {'consent-banner': [`${root}src/index.ts`]},
  };
  const host = ts.createCompilerHost(options);
  const {getSourceFile, fileExists, readFile} = host;
  host.fileExists = (name) => virtual.has(name) || fileExists.call(host, name);
  host.readFile = (name) => virtual.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language, ...rest) =>
    virtual.has(name)
      ? ts.createSourceFile(name, virtual.get(name), language, true)
      : parsed.get(name) ?? parsed.set(name, getSourceFile.call(host, name, language, ...rest)).get(name);
  const rootNames = [...virtual.keys(), `${root}src/events.ts`];
  const program = ts.createProgram({rootNames, options, host});
  // The snippets' own files only: src/ itself is checked by `npm run typecheck`, and checking it
  // again for each snippet took most of this file's time. What a snippet uses of src/ is still
  // checked against it.
  const snippets = [...virtual.keys()].filter((name) => name.startsWith(dir)).map((name) => program.getSourceFile(name));
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...snippets.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
  ];
  return diagnostics.map((d) => {
    const where = d.file ? `${d.file.fileName.replace(root, '')}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
    return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/** `<consent-banner>` as custom-elements.json describes it. */
function describedElement() {
  const manifest = JSON.parse(readFileSync(`${root}dist/custom-elements.json`, 'utf8'));
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'consent-banner');
  assert.ok(element, 'custom-elements.json describes <consent-banner>');
  return {attributes: new Set(element.attributes.map((a) => a.name)), events: new Set(element.events.map((e) => e.name))};
}

/**
 * Checks the <consent-banner> tags of a template against custom-elements.json; returns the
 * problems, and TypeScript that checks each event handler against the typed event.
 */
function checkMarkup(template, eventOf) {
  const {attributes, events} = describedElement();
  const problems = [];
  const handlers = [];
  const banners = startTags(template).filter((t) => t.name === 'consent-banner');
  if (!banners.length) problems.push('no <consent-banner> in the template');
  for (const tag of banners) {
    for (const [name, value] of tag.attributes) {
      const event = eventOf(name);
      if (event !== undefined) {
        if (!events.has(event)) problems.push(`<consent-banner> has no event "${event}"`);
        else handlers.push(`const handler${handlers.length}: (event: HTMLElementEventMap['${event}']) => unknown = ${value.replace(/^\{|\}$/g, '')};`);
      } else if (!attributes.has(name) && !GLOBAL_ATTRIBUTES.test(name)) {
        problems.push(`<consent-banner> has no attribute "${name}"`);
      }
    }
  }
  return {problems, handlers};
}

/** A Vue single-file component as TypeScript: its script, then checks of the template. */
function vueAsTypeScript(sfc) {
  const script = /<script setup lang="ts">\n([\s\S]*?)<\/script>/.exec(sfc)?.[1];
  const template = /<template>([\s\S]*)<\/template>/.exec(sfc)?.[1];
  assert.ok(script && template, 'a <script setup lang="ts"> and a <template>');
  const {problems, handlers} = checkMarkup(template, (name) => /^(?:@|v-on:)(.+)$/.exec(name)?.[1]);
  return {problems, code: `${script}\nexport function template() {\n${handlers.join('\n')}\n}\n`};
}

/** A Svelte 5 component as TypeScript: its script, then checks of the markup and {#if} blocks. */
function svelteAsTypeScript(component) {
  const script = /<script lang="ts">\n([\s\S]*?)<\/script>/.exec(component)?.[1];
  assert.ok(script, 'a <script lang="ts">');
  const markup = component.slice(component.indexOf('</script>') + 9);
  const {problems, handlers} = checkMarkup(markup, (name) => /^on(.+)$/.exec(name)?.[1]);
  const conditions = [...markup.matchAll(/\{#if (.+?)\}/g)].map(([, expression]) => `void (${expression});`);
  return {problems, code: `${script}\nexport function markup() {\n${[...handlers, ...conditions].join('\n')}\n}\n`};
}

describe('the README snippets', () => {
  const snippets = readmeSnippets();

  it('are all there: plain HTML, React, Vue (and its Vite config), Svelte', () => {
    assert.deepEqual([...snippets.keys()].sort(), ['html', 'react', 'svelte', 'vue', 'vue-config']);
    assert.deepEqual([...snippets.values()].map((s) => s.lang), ['html', 'tsx', 'vue', 'ts', 'svelte']);
  });

  it('React: type-checks, the element, its ref and the consent-change listener typed', () => {
    assert.deepEqual(typecheck({'react.tsx': snippets.get('react').code}), []);
  });

  it('React: the check fails on a misspelt method, a number for manifest, or without the event types', () => {
    const code = snippets.get('react').code;
    assert.notDeepEqual(typecheck({'react.tsx': code.replace('showPreferences()', 'showPreference()')}), []);
    assert.notDeepEqual(typecheck({'react.tsx': code.replace('manifest="/cookie-manifest.json"', 'manifest={42}')}), []);
    assert.notDeepEqual(typecheck({'react.tsx': code.replace("<consent-banner ref", '<consent-baner ref')}), []);
    const untyped = typecheck({'react.tsx': code}, {withEvents: false});
    assert.ok(untyped.some((d) => d.includes('react.tsx') && /consent-change|EventListener/.test(d)), untyped.join('\n'));
  });

  it('Vue: the script type-checks, the template uses real attributes and events, the handler fits the event', () => {
    const {problems, code} = vueAsTypeScript(snippets.get('vue').code);
    assert.deepEqual(problems, []);
    assert.match(code, /handler0: \(event: HTMLElementEventMap\['consent-change'\]\) => unknown = onChange;/);
    assert.deepEqual(typecheck({'vue.ts': code, 'vite.config.ts': snippets.get('vue-config').code}), []);
  });

  it('Vue: the check fails on an unknown event or attribute, or a handler of the wrong type', () => {
    const sfc = snippets.get('vue').code;
    assert.deepEqual(vueAsTypeScript(sfc.replace('@consent-change', '@consent-changed')).problems, ['<consent-banner> has no event "consent-changed"']);
    assert.deepEqual(vueAsTypeScript(sfc.replace('manifest=', 'src=')).problems, ['<consent-banner> has no attribute "src"']);
    const wrong = vueAsTypeScript(sfc.replace('(event: CustomEvent<ConsentRecord>)', '(event: CustomEvent<string>)'));
    assert.notDeepEqual(typecheck({'vue.ts': wrong.code}), []);
  });

  it('Vue: the Vite config makes <consent-banner> a custom element and nothing else', () => {
    const js = ts.transpileModule(snippets.get('vue-config').code, {
      compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022},
    }).outputText;
    const body = js
      .replace(/^import vue from '@vitejs\/plugin-vue';$/m, 'const vue = (options) => ({vueOptions: options});')
      .replace(/^import \{\s*defineConfig\s*\} from 'vite';$/m, 'const defineConfig = (config) => config;')
      .replace(/^export default /m, 'return ');
    assert.doesNotMatch(body, /^(import|export) /m);
    const config = new Function(body)();
    const {isCustomElement} = config.plugins[0].vueOptions.template.compilerOptions;
    assert.equal(isCustomElement('consent-banner'), true);
    assert.equal(isCustomElement('consent-placeholder'), true);
    assert.equal(isCustomElement('router-view'), false);
  });

  it('Svelte: the script and {#if} blocks type-check, the markup uses real attributes and events', () => {
    const {problems, code} = svelteAsTypeScript(snippets.get('svelte').code);
    assert.deepEqual(problems, []);
    assert.match(code, /void \(consent\?\.categories\.performance\);/);
    assert.deepEqual(typecheck({'svelte.ts': code}), []);
  });

  it('Svelte: the check fails on an event name without its dash, or a wrong {#if}', () => {
    const component = snippets.get('svelte').code;
    assert.deepEqual(svelteAsTypeScript(component.replace('onconsent-change', 'onconsentchange')).problems, ['<consent-banner> has no event "consentchange"']);
    const wrong = svelteAsTypeScript(component.replace('consent?.categories.performance', 'consent?.category.performance'));
    assert.notDeepEqual(typecheck({'svelte.ts': wrong.code}), []);
  });
});
