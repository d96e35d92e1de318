// dist/custom-elements.json, as `npm run build` writes it from the elements' JSDoc: what editors
// and tools (VS Code, JetBrains, Storybook) learn about <consent-banner> from the package.
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';

const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

describe('custom-elements.json', () => {
  it('is the package.json customElements field, shipped in dist and exported', () => {
    assert.equal(pkg.customElements, 'dist/custom-elements.json');
    assert.ok(pkg.files.includes('dist'));
    assert.equal(pkg.exports['./custom-elements.json'], './dist/custom-elements.json');
    assert.ok(existsSync(`${root}${pkg.customElements}`), 'run npm run build first');
  });

  const manifest = JSON.parse(readFileSync(`${root}dist/custom-elements.json`, 'utf8'));
  const declarations = manifest.modules.flatMap((m) => m.declarations ?? []);
  const banner = declarations.find((d) => d.tagName === 'consent-banner');

  it('declares <consent-banner>, <consent-declaration> and <consent-placeholder>, with their definitions', () => {
    assert.deepEqual(
      declarations
        .filter((d) => d.customElement)
        .map((d) => [d.tagName, d.name])
        .sort(),
      [
        ['consent-banner', 'ConsentBanner'],
        ['consent-declaration', 'ConsentDeclaration'],
        ['consent-placeholder', 'ConsentPlaceholder'],
      ]
    );
    const definitions = manifest.modules.flatMap((m) => m.exports ?? []).filter((e) => e.kind === 'custom-element-definition');
    assert.deepEqual(definitions.map((e) => e.name).sort(), ['consent-banner', 'consent-declaration', 'consent-placeholder']);
    // What they extend in a browser: src/loader/element-base.ts is HTMLElement there.
    assert.deepEqual(
      [...new Set(declarations.filter((d) => d.customElement).map((d) => JSON.stringify(d.superclass)))],
      ['{"name":"HTMLElement"}']
    );
    assert.equal(
      manifest.modules.some((m) => m.path === 'src/events.ts'),
      false
    );
  });

  it('gives the public API of README, “Events and API” and hides internal state', () => {
    assert.equal(banner.summary, 'Cookie consent driven by a JSON cookie manifest.');
    assert.deepEqual(
      banner.attributes.map((a) => a.name),
      ['manifest', 'layout', 'theme', 'reopen', 'accent']
    );
    const members = banner.members.map((m) => `${m.kind} ${m.name}`).sort();
    for (const expected of [
      'field consent',
      'field manifest',
      'method acceptAll',
      'method hasConsent',
      'method rejectAll',
      'method reset',
      'method save',
      'method showPreferences',
    ]) {
      assert.ok(members.includes(expected), `${expected} in ${members}`);
    }
    assert.deepEqual(
      members.filter((m) => /\s[_#]/.test(m)),
      [],
      'no internal state or private member'
    );
    assert.ok(banner.members.find((m) => m.name === 'manifest').description.length > 20);
  });

  it('types each event with its detail, from src/events.ts', () => {
    assert.deepEqual(Object.fromEntries(banner.events.map((e) => [e.name, e.type.text])), {
      'consent-ready': 'Event',
      'consent-change': 'CustomEvent<ConsentChangeDetail>',
      'consent-error': 'CustomEvent<ConsentErrorDetail>',
    });
    for (const event of banner.events) assert.ok(event.description.length > 10, event.name);
  });

  it('lists the CSS custom properties and parts for theming', () => {
    const properties = banner.cssProperties.map((p) => p.name);
    for (const name of ['--consent-background', '--consent-text', '--consent-accent', '--consent-button-background', '--consent-focus']) {
      assert.ok(properties.includes(name), name);
    }
    assert.deepEqual(banner.cssParts.map((p) => p.name).sort(), [
      'actions',
      'banner',
      'choice',
      'close',
      'customise',
      'preferences',
      'reopen',
    ]);
  });
});
