// docs/rules.md §G, proof of consent: what is kept stays minimal (R34). The record's full shape, its
// manifest hash and its log are R32, still being built.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {clickButton, inContext, settle, startHarness, visit} from './harness.mjs';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const IP = /\b\d{1,3}(\.\d{1,3}){3}\b|\b[0-9a-f]{1,4}(:[0-9a-f]{0,4}){2,7}\b/i;

describe('RULES §G: proof of consent', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  it('R34 the stored choice and the consent-change detail hold no IP, no user agent, no device trait; the id is random', async () => {
    const ids = [];
    for (let visitor = 0; visitor < 2; visitor++) {
      await inContext(harness, {}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        await clickButton(page, 'accept-all');
        await settle(page);
        const {cookie, detail, device} = await page.evaluate(() => ({
          cookie: decodeURIComponent(
            document.cookie
              .split('; ')
              .find((c) => c.startsWith('dimelo_consent='))
              .slice('dimelo_consent='.length)
          ),
          detail: JSON.stringify(window.__changes.at(-1)),
          device: [
            navigator.userAgent,
            navigator.platform,
            `${screen.width}x${screen.height}`,
            Intl.DateTimeFormat().resolvedOptions().timeZone,
          ].filter((t) => t.length >= 5),
        }));
        const fields = Object.keys(JSON.parse(cookie)).sort();
        // `purposes`: when each purpose was answered (minutes since 1970) and its fingerprint: nothing of the device.
        const proof = [
          'v',
          'id',
          'timestamp',
          'revision',
          'manifestHash',
          'method',
          'language',
          'uiVersion',
          'categories',
          'services',
          'purposes',
          'check',
        ];
        assert.deepEqual(
          fields.filter((f) => !proof.includes(f)),
          []
        );
        for (const stored of [cookie, detail]) {
          assert.doesNotMatch(stored, IP);
          assert.doesNotMatch(stored, /Mozilla|Chrom|Linux|Windows|Mac OS|Headless|Europe\/|America\//);
          for (const trait of device) assert.ok(!stored.includes(trait), `${trait} stored`);
        }
        const {id} = JSON.parse(detail);
        assert.match(id, UUID_V4);
        ids.push(id);
      });
    }
    // Same browser, same machine, two fresh profiles: two unrelated ids.
    assert.notEqual(ids[0], ids[1]);
  });
});
