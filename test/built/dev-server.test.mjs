// `npm start` and the end-to-end tests' server serve this machine alone (issue 28): the real
// configs (web-dev-server.config.mjs, test/e2e/server.mjs) started on a free port. Every request
// here goes to 127.0.0.1; a caller from elsewhere on the network is the guard middleware given a
// fake remote address (no traffic leaves loopback).
import {startDevServer} from '@web/dev-server';
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {request} from 'node:http';
import {after, before, describe, it} from 'node:test';
import devServerConfig from '../../web-dev-server.config.mjs';
import {guard, hostName, isLoopbackAddress, isLoopbackHost, refusal} from '../../scripts/dev-server-guard.mjs';
import {startTestServer} from '../e2e/server.mjs';
import {root} from '../node/load-core.mjs';

/** GET `path` from 127.0.0.1:`port` with this Host header; resolves with the status and the body. */
const get = (port, path, host = `localhost:${port}`, more = {}) =>
  new Promise((resolve, reject) => {
    // `host: null` sends none.
    const headers = {...(host === null ? {accept: '*/*'} : {host, accept: '*/*'}), ...more};
    const req = request({host: '127.0.0.1', port, path, headers, setHost: false, agent: false}, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({status: response.statusCode, body, headers: response.headers}));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error(`no answer for ${path}`)));
    req.end();
  });

/** How many `..` from the root reach `/`: /__wds-outside-root__/<depth>/etc/passwd is /etc/passwd. */
const depth = root.split('/').filter(Boolean).length;
const PASSWD = `/__wds-outside-root__/${depth}/etc/passwd`;

/**
 * The local addresses of the sockets listening on `port`, as the kernel lists them
 * (/proc/net/tcp and tcp6, Linux); elsewhere, as the servers report them (@web/dev-server's own,
 * or scripts/dev-server-guard.mjs's loopbackListener).
 */
function listeningAddresses(port, devServer) {
  if (!existsSync('/proc/net/tcp')) {
    return [devServer.server?.address(), ...devServer.config.plugins.map((p) => p.addresses?.())]
      .flat()
      .filter(Boolean)
      .map((a) => a.address);
  }
  const found = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local) continue; // 0A: LISTEN
      const [hex, portHex] = local.split(':');
      if (parseInt(portHex, 16) !== port) continue;
      // Each 32-bit word is in the host's byte order (little-endian here).
      const bytes = hex.match(/.{8}/g).flatMap((word) =>
        word
          .match(/../g)
          .reverse()
          .map((b) => parseInt(b, 16))
      );
      if (bytes.length === 4) found.push(bytes.join('.'));
      else {
        const groups = [];
        for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
        found.push(groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::'));
      }
    }
  }
  return found;
}

describe('npm start (web-dev-server.config.mjs)', () => {
  let server;
  let port;
  before(async () => {
    server = await startDevServer({
      config: {...devServerConfig, rootDir: root, port: 0},
      readCliArgs: false,
      readFileConfig: false,
      logStartMessage: false,
      autoExitProcess: false,
    });
    port = server.config.port || server.server.address().port;
  });
  after(() => server?.stop());

  it('still serves the demo, the studio and the README', async () => {
    assert.equal((await get(port, '/demo/dimelo/index.html')).status, 200);
    assert.equal((await get(port, '/studio/')).status, 200);
    assert.equal((await get(port, '/README.md', `127.0.0.1:${port}`)).status, 200);
    assert.equal((await get(port, '/demo/dimelo/cookie-manifest.json', `[::1]:${port}`)).status, 200);
    assert.equal((await get(port, '/demo/', `dimelo.localhost:${port}`)).status, 200);
  });

  it('serves no file outside the repository (/__wds-outside-root__/), however the path is spelled', async () => {
    for (const path of [
      PASSWD,
      PASSWD.replace('__wds', '%5F%5Fwds'),
      `/demo/..${PASSWD}`,
      `/__wds-outside-root__/1/${root.split('/').filter(Boolean).at(-1)}/README.md`,
    ]) {
      const {status, body} = await get(port, path);
      assert.ok(status === 403 || status === 404, `${path}: ${status}`);
      assert.doesNotMatch(body, /root:/, path);
    }
    assert.match((await get(port, PASSWD)).body, /^Refused: \/__wds-outside-root__\/ \(files outside the repository\) is not served\.$/m);
  });

  it('serves no hidden file of the repository (.git, .ci) and no `..`', async () => {
    for (const path of ['/.git', '/.git/config', '/.gitignore', '/%2Egitignore', '/demo/%2e%2e/.gitignore', '/demo/../package.json']) {
      const {status, body} = await get(port, path);
      assert.equal(status, 403, `${path}: ${status} ${body.slice(0, 60)}`);
    }
  });

  it("answers no Host but this machine's: a page of another site cannot reach it by DNS rebinding", async () => {
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `localhost.evil.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `user@localhost:${port}`,
      `localhost.:${port}`,
      `127.1:${port}`,
      '',
    ]) {
      const {status, body} = await get(port, '/demo/dimelo/index.html', host);
      assert.equal(status, 403, `Host ${JSON.stringify(host)}: ${status}`);
      assert.match(body, /^Refused: the Host header must name this machine/, host);
    }
    // No Host at all: Node refuses it before the guard (400), which is as good.
    assert.equal((await get(port, '/demo/dimelo/index.html', null)).status, 400);
  });

  it("lets the studio's sandboxed preview (Origin: null) read /dist/ and /studio/, and no other origin", async () => {
    const cors = async (path, origin) => (await get(port, path, undefined, {origin})).headers['access-control-allow-origin'];
    assert.equal(await cors('/dist/studio-preview.js', 'null'), 'null');
    assert.equal(await cors('/studio/preview.css', 'null'), 'null');
    assert.equal(await cors('/dist/studio-preview.js', 'https://evil.example'), undefined);
    assert.equal(await cors('/demo/dimelo/cookie-manifest.json', 'null'), undefined);
  });

  it('listens on loopback addresses only', () => {
    const addresses = listeningAddresses(port, server);
    assert.ok(addresses.length > 0, 'nothing listens');
    for (const address of addresses) assert.ok(isLoopbackAddress(address), `listens on ${address}: every interface or one of the network`);
    assert.ok(addresses.includes('127.0.0.1'), addresses.join(', '));
  });
});

describe('the guard, for a caller that is not this machine', () => {
  /** Runs the middleware on a fake request; resolves with the status it set, or 'next'. */
  const run = async (remoteAddress, host = 'localhost:8000', path = '/demo/') => {
    const context = {req: {socket: {remoteAddress}}, path, get: (name) => (name === 'host' ? host : ''), status: 404};
    let passed = false;
    await guard()(context, async () => {
      passed = true;
    });
    return passed ? 'next' : [context.status, context.body];
  };

  it('refuses an address of the network, public ones, IPv4 as IPv6 and none', async () => {
    for (const address of [
      '192.168.1.20',
      '10.0.0.5',
      '172.16.3.4',
      '::ffff:192.168.1.20',
      '203.0.113.9',
      'fe80::1',
      '2001:db8::1',
      '::',
      '0.0.0.0',
      '128.0.0.1',
      undefined,
    ]) {
      const [status, body] = await run(address);
      assert.equal(status, 403, String(address));
      assert.match(body, /^Refused: only this machine may use this development server/);
    }
  });

  it('lets this machine through: 127.0.0.0/8, ::1, 127.x as IPv6', async () => {
    for (const address of ['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1']) assert.equal(await run(address), 'next', address);
  });

  it('reads Host headers strictly', () => {
    assert.equal(hostName('LocalHost:8000'), 'localhost');
    assert.equal(hostName('[::1]:8000'), '[::1]');
    for (const header of ['a@localhost', 'localhost/x', 'localhost:', 'localhost:123456', 'localhost.', ' localhost', undefined])
      assert.equal(hostName(header), undefined, header);
    for (const name of ['localhost', 'dimelo.localhost', '127.0.0.1', '127.255.0.9', '[::1]']) assert.ok(isLoopbackHost(name), name);
    for (const name of ['localhost.example', 'xlocalhost', '127.0.0.256', '127.1', '[::2]', '0.0.0.0', undefined])
      assert.ok(!isLoopbackHost(name), name);
  });

  it("admits more host names only when told (the end-to-end tests' *.test)", () => {
    const request = {remoteAddress: '127.0.0.1', host: 'dimelo.test:9', path: '/'};
    assert.match(refusal(request), /Host header/);
    assert.equal(refusal(request, {allowHost: (name) => name.endsWith('.test')}), undefined);
  });
});

describe("the end-to-end tests' server (test/e2e/server.mjs)", () => {
  let server;
  before(async () => (server = await startTestServer()));
  after(() => server?.stop());

  it("answers the tests' host names and refuses others, outside-root files and hidden ones", async () => {
    assert.equal((await get(server.port, '/demo/dimelo/index.html', `www.dimelo.test:${server.port}`)).status, 200);
    assert.equal((await get(server.port, '/demo/dimelo/index.html', `127.0.0.1:${server.port}`)).status, 200);
    assert.equal((await get(server.port, '/demo/dimelo/index.html', 'evil.example')).status, 403);
    assert.equal((await get(server.port, PASSWD)).status, 403);
    assert.equal((await get(server.port, '/.gitignore')).status, 403);
  });

  it("resolves a test page's bare imports inside the repository (node_modules a symlink or not)", async () => {
    // The npm entry's module graph, as a page loads it: dist/index.js, its chunks, and lit and
    // js-cookie from node_modules (the server rewrites bare imports to paths).
    const seen = new Set(['/dist/index.js']);
    for (const path of seen) {
      const {status, body} = await get(server.port, path);
      assert.equal(status, 200, path);
      if (path.startsWith('/node_modules/')) continue;
      // The build keeps comments (`import 'consent-banner'` in prose): only code counts.
      for (const [, specifier] of body.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g))
        seen.add(new URL(specifier, `http://x${path}`).pathname);
    }
    assert.ok(
      [...seen].some((path) => path.startsWith('/node_modules/js-cookie/')),
      [...seen].join(', ')
    );
  });

  it('listens on 127.0.0.1 only', () => {
    assert.deepEqual(listeningAddresses(server.port, server.devServer), ['127.0.0.1']);
  });
});
