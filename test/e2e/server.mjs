// The web server the end-to-end files load the demo and the test pages from: the repository root
// served by @web/dev-server. A file run alone starts its own (test/e2e/harness.mjs); under
// `npm test`, scripts/run-tests.mjs starts one and every end-to-end file uses it (TEST_SERVER_PORT).
// It holds no state between requests: what a test changes, it changes in its own browser context
// (openContext's `manifests`), never on the server.
// As `npm start`'s, it serves this machine alone (scripts/dev-server-guard.mjs): it listens on
// 127.0.0.1 only, and answers the host names the tests' browser maps there (`*.test`) besides the
// loopback ones; nothing outside the repository, nothing hidden.
import {startDevServer} from '@web/dev-server';
import {onLoopback, sandboxedModules} from '../../scripts/dev-server-guard.mjs';
import {root} from '../node/load-core.mjs';

/** Starts the server on a free port of 127.0.0.1; resolves with its port, `stop()` and the `devServer`. */
export async function startTestServer() {
  const server = await startDevServer({
    // nodeResolve lets test pages import dist/index.js, whose `lit` imports are bare. Symlinks are
    // kept (a work tree's node_modules may be one): the imports stay inside the root.
    config: onLoopback(
      {
        rootDir: root,
        port: 0,
        hostname: '127.0.0.1',
        nodeResolve: true,
        preserveSymlinks: true,
        // A page asks for a Content-Security-Policy header with `?csp=…` (test/e2e/strict.test.mjs).
        middleware: [
          // The studio's sandboxed preview loads its modules in CORS mode, as under `npm start`.
          sandboxedModules,
          async (context, next) => {
            await next();
            if (context.query.csp) context.set('Content-Security-Policy', context.query.csp);
          },
        ],
      },
      {hosts: ['127.0.0.1'], allowHost: (name) => name.endsWith('.test')}
    ),
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
    autoExitProcess: false,
  });
  return {port: server.config.port, stop: () => server.stop(), devServer: server};
}
