// Runs the built CLI (`bin/consent-banner.js`) as a child process, as a site owner would.
import {execFile} from 'node:child_process';
import {root} from './load-core.mjs';

const BIN = `${root}bin/consent-banner.js`;

/** Resolves with the exit code and the output; never rejects on a non-zero exit. */
export const cli = (args, options = {}) =>
  new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], {cwd: root, timeout: 120_000, ...options}, (error, stdout, stderr) =>
      resolve({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr})
    );
  });
