import {expect} from '@open-wc/testing';
import {PageConsent} from './page-consent.js';
import {makeRecord} from '../../src/core/make-record.js';
import {memoryStore} from '../../src/browser/store.js';
import {adpcRefusals, gpcRefuses} from '../../src/browser/signals.js';
import type {SignalSource} from '../../src/browser/signals.js';
import {shopManifest} from '../fixtures/manifests.js';
import {parsed} from '../helpers.js';

const NOW = new Date('2026-06-01T10:00:00.000Z');
const PURPOSES = [
  {id: 'performance', text: 'Performance'},
  {id: 'advertising', text: 'Advertising'},
];

/** Runs `body` with console.warn recorded; returns what was warned. */
async function warnings(body: () => unknown): Promise<string[]> {
  const said: string[] = [];
  const real = console.warn;
  console.warn = (...args: unknown[]) => said.push(args.join(' '));
  try {
    await body();
  } finally {
    console.warn = real;
  }
  return said;
}

/** An ADPC stand-in: `request()` answers `answer` (or throws it, when it is an Error); records what it was asked. */
function adpc(answer: unknown, delayMs = 0) {
  const asked: unknown[] = [];
  return {
    asked,
    source: {
      dataProtectionControl: {
        request: (list: unknown) => {
          asked.push(list);
          if (answer instanceof Error) throw answer;
          return new Promise((resolve) => setTimeout(resolve, delayMs, answer));
        },
      },
    } as SignalSource,
  };
}

describe('browser privacy signals (R35)', () => {
  describe('Global Privacy Control', () => {
    it('refuses when navigator.globalPrivacyControl is true, not when it is false or absent', async () => {
      expect(await warnings(() => expect(gpcRefuses({globalPrivacyControl: true})).to.equal(true))).to.deep.equal([]);
      expect(gpcRefuses({globalPrivacyControl: false})).to.equal(false);
      expect(gpcRefuses({})).to.equal(false);
      expect(gpcRefuses(undefined)).to.equal(false);
    });

    it('names a value that is present but not a boolean, and does not take it for a refusal (the banner asks)', async () => {
      for (const value of ['1', 1, null, {}]) {
        let refuses = true;
        const said = await warnings(() => (refuses = gpcRefuses({globalPrivacyControl: value})));
        expect(refuses).to.equal(false);
        expect(said).to.have.length(1);
        expect(said[0]).to.match(
          /^consent-banner: navigator\.globalPrivacyControl is .*, not true or false: it is left aside, and the banner asks$/
        );
      }
    });
  });

  describe('ADPC', () => {
    it('asks the browser about the purposes, with their titles, and returns those it withdraws', async () => {
      const {source, asked} = adpc({consent: [], withdraw: ['advertising'], _object: []});
      expect(await adpcRefusals(source, PURPOSES)).to.deep.equal(['advertising']);
      expect(asked).to.deep.equal([PURPOSES]);
    });

    it('"*" withdraws or objects to every purpose; consent given through ADPC is never taken', async () => {
      expect(await adpcRefusals(adpc({withdraw: ['*']}).source, PURPOSES)).to.deep.equal(['performance', 'advertising']);
      expect(await adpcRefusals(adpc({_object: ['*']}).source, PURPOSES)).to.deep.equal(['performance', 'advertising']);
      expect(await adpcRefusals(adpc({consent: ['performance', 'advertising']}).source, PURPOSES)).to.deep.equal([]);
    });

    it('asks nothing without ADPC, or with nothing to ask about', async () => {
      expect(await adpcRefusals({}, PURPOSES)).to.deep.equal([]);
      const {source, asked} = adpc({withdraw: ['*']});
      expect(await adpcRefusals(source, [])).to.deep.equal([]);
      expect(asked).to.deep.equal([]);
    });

    const broken: [string, SignalSource, RegExp][] = [
      ['no request()', {dataProtectionControl: {}}, /has no request\(\) function/],
      ['request() throwing', adpc(new Error('nope')).source, /request\(\) failed \(Error: nope\)/],
      ['an answer without lists', adpc({withdraw: 'advertising'}).source, /answered without lists of ids/],
      ['lists of numbers', adpc({withdraw: [1]}).source, /answered without lists of ids/],
    ];
    for (const [name, source, message] of broken) {
      it(`names ${name} in one warning, and refuses nothing for the visitor (the banner asks)`, async () => {
        let refused: string[] = ['?'];
        const said = await warnings(async () => (refused = await adpcRefusals(source, PURPOSES)));
        expect(refused).to.deep.equal([]);
        expect(said).to.have.length(1);
        expect(said[0]).to.match(message);
      });
    }

    it('gives up after its time without an answer: nothing is refused, nothing runs, the banner asks', async () => {
      expect(await adpcRefusals(adpc({withdraw: ['*']}, 500).source, PURPOSES, 50)).to.deep.equal([]);
    });
  });

  describe('through the controller', () => {
    it('ADPC’s withdrawal is recorded as a refusal with method "adpc" for the purposes still to ask about; the visitor’s own answer stands', async () => {
      const manifest = parsed(shopManifest());
      const earlier = makeRecord(manifest, {categories: {advertising: true}}, 'custom', null, NOW);
      const store = memoryStore(earlier);
      const {source, asked} = adpc({withdraw: ['*']});
      const controller = new PageConsent(manifest, {store, now: () => NOW, reload: () => {}, navigator: source, sync: false});
      await controller.signalsRead;
      expect((asked[0] as {id: string}[]).map((p) => p.id)).to.deep.equal(['performance']);
      expect(controller.record!.method).to.equal('adpc');
      expect(controller.signalHonoured).to.equal('adpc');
      expect(controller.hasConsent('ads')).to.equal(true);
      expect(controller.hasConsent('analytics')).to.equal(false);
      expect(controller.mustAsk).to.equal(false);
      expect(store.read()!.method).to.equal('adpc');
    });

    it('GPC answers first, at once; "gpc": "ignore" in the manifest leaves both signals aside', async () => {
      const both = {globalPrivacyControl: true, ...adpc({withdraw: []}).source};
      const controller = new PageConsent(parsed(shopManifest()), {
        store: memoryStore(),
        now: () => NOW,
        reload: () => {},
        navigator: both,
        sync: false,
      });
      expect(controller.signalHonoured).to.equal('gpc');
      const ignoring = new PageConsent(parsed({...shopManifest(), gpc: 'ignore'}), {
        store: memoryStore(),
        now: () => NOW,
        reload: () => {},
        navigator: {globalPrivacyControl: true, ...adpc({withdraw: ['*']}).source},
        sync: false,
      });
      await ignoring.signalsRead;
      expect(ignoring.record).to.equal(null);
      expect(ignoring.mustAsk).to.equal(true);
    });
  });
});
