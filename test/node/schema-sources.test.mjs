// The JSON Schema is the source of the manifest's shape (schema/cookie-manifest.schema.json). Three
// places repeat it and must hold every field it has, and no other: the TypeScript types
// (src/core/manifest.types.ts), the runtime check (src/core/manifest.ts, with the Consent Mode
// types of src/core/manifest-rules.ts) and the studio (studio/manifest-file.ts, which opens a manifest
// into a form and writes it back). When the schema gains a field that one of them lacks, a test
// here fails and names the field.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import ts from 'typescript';
import {loadCore, root} from './load-core.mjs';

const schema = JSON.parse(readFileSync(`${root}schema/cookie-manifest.schema.json`, 'utf8'));
const {parseManifest, formatIssue, CONSENT_MODE_TYPES} = await loadCore('src/core/manifest.ts');

/** Resolves a `$ref` of the schema (`#/$defs/category`). */
const resolve = (node) =>
  node.$ref
    ? resolve(
        node.$ref
          .slice(2)
          .split('/')
          .reduce((at, key) => at[key], schema)
      )
    : node;

/** The schema's objects, by the name the code gives them, with their fields and required fields. */
const OBJECTS = {
  manifest: schema,
  site: schema.properties.site,
  'consent cookie': schema.properties.cookie,
  log: schema.properties.log,
  consentMode: schema.properties.consentMode,
  category: schema.$defs.category,
  cookie: schema.$defs.cookie,
  service: schema.$defs.service,
};
const fieldsOf = (name) => Object.keys(OBJECTS[name].properties).sort();
/** Fields that describe the file, not the site: the runtime reads them, the parsed manifest drops nothing but has no use for them. */
const FILE_ONLY = ['$schema', '$comment'];

/**
 * A manifest holding every field the schema defines, each from the schema's own examples, starting
 * from its example manifest; references between fields are made to resolve (a service's category,
 * Consent Mode's categories), and one category is exempt, so that `exemption` is used as it must be.
 */
function everyField() {
  const complete = (node, value) => {
    node = resolve(node);
    if (Array.isArray(value)) return value.map((item) => complete(node.items, item));
    if (!node.properties || typeof value !== 'object' || value === null) return value;
    const out = {...value};
    for (const [key, child] of Object.entries(node.properties)) {
      const example = resolve(child).examples?.[0] ?? child.examples?.[0];
      out[key] = complete(child, key in out ? out[key] : structuredClone(example));
    }
    return out;
  };
  const manifest = complete(schema, structuredClone(schema.examples[0]));
  manifest.site.languages = ['en', 'fr'];
  manifest.categories = [
    ...manifest.categories,
    {...complete(schema.$defs.category, {id: 'audience', basis: 'exempt', title: 'Audience measurement'}), id: 'audience', basis: 'exempt'},
  ];
  const ids = manifest.categories.map((c) => c.id);
  for (const service of manifest.services) {
    if (!ids.includes(service.category)) service.category = 'performance';
    for (const cookie of service.cookies) cookie.duration = 'P13M';
  }
  manifest.consentMode = Object.fromEntries(Object.keys(manifest.consentMode).map((type) => [type, ['performance']]));
  manifest.log = {url: '/consent-log'};
  return manifest;
}

/** Every object in `value` that the schema node `node` describes as an object, with the schema object's name. */
function objectsIn(manifest) {
  return [
    ['manifest', manifest],
    ['site', manifest.site],
    ['consent cookie', manifest.cookie],
    ['log', manifest.log],
    ['consentMode', manifest.consentMode],
    ...manifest.categories.map((c) => ['category', c]),
    ...manifest.services.map((s) => ['service', s]),
    ...manifest.services.flatMap((s) => s.cookies.map((c) => ['cookie', c])),
  ];
}

describe('the schema is the source of the manifest’s shape', () => {
  const full = everyField();

  it('a manifest built from the schema’s examples holds every field the schema has, and the schema accepts it', async () => {
    for (const [name, object] of objectsIn(full)) assert.deepEqual(Object.keys(object).sort(), fieldsOf(name), name);
    const {default: Ajv2020} = await import('ajv/dist/2020.js');
    const validate = new Ajv2020({allErrors: true, strict: true, strictRequired: false}).compile(schema);
    assert.equal(validate(full), true, JSON.stringify(validate.errors));
  });

  describe('the runtime check (src/core/manifest.ts)', () => {
    it('accepts every field of the schema, in every object, and keeps each one', () => {
      const result = parseManifest(structuredClone(full));
      assert.equal(result.ok, true, result.ok ? '' : formatIssue(result.errors[0]));
      for (const [name, object] of objectsIn(result.manifest)) {
        const expected = fieldsOf(name).filter((f) => name !== 'manifest' || !FILE_ONLY.includes(f));
        for (const field of expected) assert.ok(field in object, `${name}.${field}: the runtime check drops it`);
      }
    });

    for (const name of Object.keys(OBJECTS)) {
      const required = OBJECTS[name].required ?? [];
      it(`${name}: requires what the schema requires (${required.join(', ') || 'nothing'}), and refuses a field the schema does not have`, () => {
        const [, sample] = objectsIn(full).find(([n]) => n === name);
        const paths = {
          manifest: '',
          site: 'site.',
          'consent cookie': 'cookie.',
          log: 'log.',
          consentMode: 'consentMode.',
          category: 'categories[0].',
          cookie: 'services[0].cookies[0].',
          service: 'services[0].',
        };
        const edit = (change) => {
          const manifest = structuredClone(full);
          const [, target] = objectsIn(manifest).find(([n, o]) => n === name && JSON.stringify(o) === JSON.stringify(sample));
          change(target);
          return parseManifest(manifest);
        };
        for (const field of fieldsOf(name)) {
          const result = edit((target) => delete target[field]);
          const message = result.ok ? 'accepted' : formatIssue(result.errors[0]);
          if (required.includes(field)) assert.equal(message, `${paths[name]}${field}: is required`);
          else assert.equal(message, 'accepted', `${paths[name]}${field} is optional in the schema`);
        }
        const extra = edit((target) => (target.notInTheSchema = 1));
        assert.equal(extra.ok ? 'accepted' : formatIssue(extra.errors[0]), `${paths[name]}notInTheSchema: is not a known field`);
      });
    }

    it('reads no field the schema lacks: the field lists written in manifest.ts are the schema’s', () => {
      assert.deepEqual([...CONSENT_MODE_TYPES].sort(), fieldsOf('consentMode'), 'CONSENT_MODE_TYPES (manifest-rules.ts)');
      const written = fieldListsOf(`${root}src/core/manifest.ts`);
      assert.deepEqual(
        Object.fromEntries(Object.entries(written).map(([name, fields]) => [name, fields.sort()])),
        Object.fromEntries(
          ['manifest', 'site', 'consent cookie', 'log', 'category', 'cookie', 'service'].map((name) => [name, fieldsOf(name)])
        )
      );
    });
  });

  it('the TypeScript types (src/core/manifest.types.ts) have every field of the schema, and no other', () => {
    const types = typeFieldsOf(`${root}src/core/manifest.types.ts`);
    const expected = Object.fromEntries(
      Object.keys(OBJECTS).map((name) => [name, fieldsOf(name).filter((f) => name !== 'manifest' || !FILE_ONLY.includes(f))])
    );
    assert.deepEqual(types, expected);
  });

  it('the studio opens a manifest with every field of the schema and writes each one back, unchanged (studio/manifest-file.ts)', async () => {
    const {openManifest, toManifest} = await loadCore('studio/manifest-file.ts');
    // The studio writes a text as one string per language, and leaves out an exemption where the
    // basis needs none: a category that asks for consent is given none here.
    const input = structuredClone(full);
    for (const category of input.categories) if ((category.basis ?? 'consent') === 'consent') delete category.exemption;
    const opened = openManifest(structuredClone(input));
    assert.equal(opened.ok, true, opened.message);
    const written = objectsIn(toManifest(opened.draft));
    assert.deepEqual(
      written.map(([name, object]) => [name, Object.keys(object).sort()]),
      objectsIn(input).map(([name, object]) => [name, Object.keys(object).sort()])
    );
  });
});

describe('the studio shows a field for every field of the schema', () => {
  /** One path to each field of the schema, as the check names it (`services[0].cookies[0].name`). */
  const paths = [
    ...fieldsOf('manifest').filter(
      (f) => f !== 'version' && !['site', 'cookie', 'log', 'consentMode', 'categories', 'services'].includes(f)
    ),
    ...fieldsOf('site').map((f) => `site.${f}`),
    ...fieldsOf('consent cookie').map((f) => `cookie.${f}`),
    ...fieldsOf('log').map((f) => `log.${f}`),
    ...fieldsOf('consentMode').map((f) => `consentMode.${f}`),
    ...fieldsOf('category').map((f) => `categories[0].${f}`),
    ...fieldsOf('service').map((f) => `services[0].${f}`),
    ...fieldsOf('cookie').map((f) => `services[0].cookies[0].${f}`),
  ];

  it('each field of the schema has a place of its own in the studio’s form, where its errors show (studio/field-paths.ts anchorOf)', async () => {
    const {anchorOf} = await loadCore('studio/field-paths.ts');
    assert.deepEqual(
      paths.filter((path) => anchorOf(path) !== path).map((path) => `${path} shows at ${anchorOf(path)}`),
      []
    );
  });
});

// ---- reading the field lists out of the TypeScript sources ----

const sourceOf = (path) => ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
const nameOf = (member) =>
  member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined;

/**
 * The fields each `object({...}, …)` call of manifest.ts reads, named as OBJECTS names them: by the
 * constant it is assigned to (`const category = object(…)`), or by the manifest field it reads
 * (`site: object(…)`; `cookie:` inside the manifest's own object is the consent cookie).
 */
function fieldListsOf(path) {
  const lists = {};
  const visit = (node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'object') {
      const [fields] = node.arguments;
      if (fields && ts.isObjectLiteralExpression(fields)) {
        const parent = node.parent;
        let name = ts.isVariableDeclaration(parent) ? parent.name.text : ts.isPropertyAssignment(parent) ? nameOf(parent) : undefined;
        if (name === 'manifestShape') name = 'manifest';
        else if (name === 'cookie' && ts.isPropertyAssignment(parent)) name = 'consent cookie';
        if (name) lists[name] = fields.properties.map(nameOf);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceOf(path));
  return lists;
}

/** The fields of each manifest type of manifest.types.ts, named as OBJECTS names them. */
function typeFieldsOf(path) {
  const file = sourceOf(path);
  const declarations = new Map();
  file.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) declarations.set(node.name.text, node);
  });
  const members = (name) => declarations.get(name).members.map(nameOf).sort();
  const manifest = declarations.get('Manifest');
  const inline = (field) =>
    manifest.members
      .find((m) => nameOf(m) === field)
      .type.members.map(nameOf)
      .sort();
  const union = (name) =>
    declarations
      .get(name)
      .type.types.map((t) => t.literal.text)
      .sort();
  return {
    manifest: members('Manifest'),
    site: members('Site'),
    'consent cookie': inline('cookie'),
    log: inline('log'),
    consentMode: union('ConsentModeType'),
    category: members('Category'),
    cookie: members('CookieDeclaration'),
    service: members('Service'),
  };
}
