// What keeps a development server of this repository to this machine: `npm start`
// (web-dev-server.config.mjs), the end-to-end tests' server (test/e2e/server.mjs) and the browser
// suite's (web-test-runner.config.js). @web/dev-server, as it comes:
// - listens on every interface when told `hostname: 'localhost'` or `'127.0.0.1'` (DevServer.start
//   passes no host then), so anyone on the network reaches it;
// - answers any Host header, so a web page on another site reaches it by DNS rebinding (its own
//   name, resolved to 127.0.0.1 a second time);
// - serves any file of the machine under /__wds-outside-root__/<depth>/ (depth 2 from /work/x is
//   `/`), and the repository's hidden files (.git/config, .env: koa-static with `hidden: true`).
// `guard()` is the first middleware: it answers 403 to a caller that is not on this machine, to a
// Host header that is not a loopback name, and to those paths. `loopbackListener()` makes the
// server listen on the loopback addresses alone (with `middlewareMode: true`, see `onLoopback`).
import {createServer} from 'node:http';

/** The prefix under which @web/dev-server serves files outside its root, up to `/`. */
export const OUTSIDE_ROOT = '/__wds-outside-root__/';

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const LOOPBACK_V4 = new RegExp(`^127(\\.${OCTET}){3}$`);

/** Whether a socket's remote address is this machine: 127.0.0.0/8, ::1, or 127.x.x.x as IPv6. */
export function isLoopbackAddress(address) {
  if (typeof address !== 'string') return false;
  const v4 = address.toLowerCase().replace(/^::ffff:/, '');
  return LOOPBACK_V4.test(v4) || address === '::1';
}

/**
 * The host name of a Host header (`name`, `name:port`, `[v6]:port`), lower case; `undefined` when
 * it is none (empty, user info, a path, a trailing dot, a bad port).
 */
export function hostName(header) {
  if (typeof header !== 'string') return undefined;
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/i.exec(header);
  if (!match || match[1].endsWith('.') || match[1].startsWith('.')) return undefined;
  return match[1].toLowerCase();
}

/**
 * Whether a host name only ever means this machine, whatever DNS says: `localhost` and its
 * subdomains (browsers resolve them to loopback themselves), 127.x.x.x written in full, `[::1]`.
 */
export function isLoopbackHost(name) {
  return name === 'localhost' || (name?.endsWith('.localhost') ?? false) || LOOPBACK_V4.test(name ?? '') || name === '[::1]';
}

/**
 * Why a request is refused, or `undefined` when it may be served. `remoteAddress` is the caller's
 * socket address, `host` the Host header, `path` the raw path (as Koa's `context.path`, not
 * decoded). `allowHost(name)` admits more host names (the end-to-end tests' `*.test`, which their
 * browser maps to 127.0.0.1). `outsideRoot(path)` admits some paths under OUTSIDE_ROOT (none unless
 * told).
 */
export function refusal({remoteAddress, host, path}, {allowHost = () => false, outsideRoot = () => false} = {}) {
  if (!isLoopbackAddress(remoteAddress)) return `only this machine may use this development server, not ${remoteAddress}`;
  const name = hostName(host);
  if (!isLoopbackHost(name) && !(name !== undefined && allowHost(name))) {
    return `the Host header must name this machine (localhost, 127.0.0.1, [::1]), not ${JSON.stringify(host ?? '')}`;
  }
  let decoded;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return 'the path is not valid percent-encoding';
  }
  for (const form of new Set([path, decoded])) {
    if (form.includes(OUTSIDE_ROOT.slice(0, -1)) && !outsideRoot(decoded))
      return `${OUTSIDE_ROOT} (files outside the repository) is not served`;
    if (/[\\/]\.|^\./.test(form)) return 'hidden files and `..` are not served';
  }
  return undefined;
}

/**
 * The studio's preview frame is sandboxed (an opaque origin, whose Origin header is `null`): the
 * module scripts it loads from /dist/ are fetched in CORS mode, and a tool that reads its
 * stylesheet (axe, in the tests) asks in CORS mode too. This lets that origin, and no other, read
 * /dist/ and /studio/ (the build and the studio's own files, nothing private).
 */
export async function sandboxedModules(context, next) {
  await next();
  if (context.get('origin') === 'null' && /^\/(dist|studio)\//.test(context.path)) {
    context.set('Access-Control-Allow-Origin', 'null');
    context.vary('Origin');
  }
}

/** The Koa middleware that refuses what `refusal` refuses, with 403 and the reason as text; put it first. */
export function guard(options) {
  return async function devServerGuard(context, next) {
    const reason = refusal({remoteAddress: context.req.socket.remoteAddress, host: context.get('host'), path: context.path}, options);
    if (reason === undefined) return next();
    context.status = 403;
    context.type = 'text/plain';
    context.body = `Refused: ${reason}.\n`;
    return undefined;
  };
}

/**
 * A @web/dev-server plugin that serves the server's app on loopback addresses only (`hosts`,
 * 127.0.0.1 and ::1 unless told; ::1 is skipped where the machine has no IPv6). It needs
 * `middlewareMode: true` in the config, so that @web/dev-server opens no listener of its own.
 * Once listening, `config.port` holds the port (useful with `port: 0`). `announce` logs where it
 * listens, after @web/dev-server's start message (whose "Network" address it does not serve).
 */
export function loopbackListener({hosts = ['127.0.0.1', '::1'], announce = false} = {}) {
  const servers = [];
  const listen = (server, port, host) =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({port, host}, () => {
        server.off('error', reject);
        resolve(server.address().port);
      });
    });
  return {
    name: 'loopback-listener',
    /** The addresses it listens on now (`{address, family, port}`). */
    addresses: () => servers.map((server) => server.address()).filter(Boolean),
    async serverStart({app, config, logger}) {
      if (!config.middlewareMode)
        throw new Error('loopbackListener() needs `middlewareMode: true`: @web/dev-server would listen on every interface');
      let {port} = config;
      for (const host of hosts) {
        const server = createServer(app.callback());
        try {
          port = await listen(server, port, host);
          servers.push(server);
        } catch (error) {
          // A machine without IPv6 has no ::1: 127.0.0.1 serves alone. Anything else stops the start.
          if (host.includes(':') && servers.length && ['EADDRNOTAVAIL', 'EAFNOSUPPORT'].includes(error.code)) continue;
          throw new Error(`cannot listen on ${host.includes(':') ? `[${host}]` : host}:${port}: ${error.message}`);
        }
      }
      config.port = port;
      if (announce)
        logger.log(
          `Listening on ${servers.map((server) => server.address().address).join(' and ')} only: this machine alone reaches it (the Network address above answers nothing).\n`
        );
    },
    async serverStop() {
      await Promise.all(
        servers.splice(0).map((server) => {
          server.closeAllConnections?.();
          return new Promise((resolve) => server.close(() => resolve()));
        })
      );
    },
  };
}

/**
 * A @web/dev-server config made safe: `guard(options)` before its own middleware, and the server
 * on loopback only (`hosts`, `announce` as loopbackListener's). Start it with startDevServer or
 * `web-dev-server --config`; its port is then `devServer.config.port`.
 */
export function onLoopback(config, {hosts, announce, ...options} = {}) {
  return {
    ...config,
    middlewareMode: true,
    middleware: [guard(options), ...(config.middleware ?? [])],
    plugins: [...(config.plugins ?? []), loopbackListener({hosts, announce})],
  };
}
