// The package as a site owner's project gets it: `npm pack`, then the tarball installed into a
// project of its own (test/built/package.test.mjs, test/e2e/bundlers.test.mjs). Offline: the
// tarball's files go to node_modules/consent-banner as `npm install ./consent-banner-*.tgz` puts
// them, and its dependencies (lit, js-cookie and theirs) are linked from this repository's
// node_modules instead of being fetched. Nothing of the repository but the packed files is reachable.
import {execFile} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {promisify} from 'node:util';
import {root} from '../node/load-core.mjs';

const run = promisify(execFile);

/** Links `names` and what they depend on, from this repository's node_modules into `modules`. */
function linkDependencies(names, modules) {
  const linked = new Set();
  for (const queue = [...names]; queue.length;) {
    const name = queue.shift();
    if (linked.has(name)) continue;
    linked.add(name);
    const source = join(root, 'node_modules', name);
    mkdirSync(dirname(join(modules, name)), {recursive: true});
    symlinkSync(source, join(modules, name), 'dir');
    queue.push(...Object.keys(JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).dependencies ?? {}));
  }
}

/**
 * Packs the built package (run `npm run build` first) and installs it into a new project in a
 * temporary folder. Resolves with `{project, installed, tarball, files, remove()}`: the project's
 * folder (a package.json of its own), the installed package's folder, the tarball's path, and the
 * paths the tarball holds (as `npm pack` lists them: `dist/index.js`, `package.json`, …).
 */
export async function installPackedPackage() {
  if (!existsSync(join(root, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  const project = mkdtempSync(join(tmpdir(), 'consent-banner-project-'));
  const {stdout} = await run('npm', ['pack', '--json', '--pack-destination', project], {cwd: root});
  const [{filename, files}] = JSON.parse(stdout);
  const tarball = join(project, filename);
  // The tarball holds package/…: that folder is what npm installs as node_modules/consent-banner.
  await run('tar', ['-xzf', tarball, '-C', project]);
  const installed = join(project, 'node_modules', 'consent-banner');
  mkdirSync(dirname(installed), {recursive: true});
  renameSync(join(project, 'package'), installed);
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  linkDependencies(Object.keys(manifest.dependencies ?? {}), join(project, 'node_modules'));
  // The project's own package.json, as `npm install <tarball>` leaves it.
  const dependencies = {[manifest.name]: `file:${filename}`};
  writeFileSync(join(project, 'package.json'), JSON.stringify({name: 'shop', private: true, type: 'module', dependencies}, null, 2));
  return {
    project,
    installed,
    tarball,
    files: files.map((f) => f.path).sort(),
    remove: () => rmSync(project, {recursive: true, force: true}),
  };
}
