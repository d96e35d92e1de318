// Runs the built CLI (`bin/consent-banner.js`) as a child process, as a site owner would.
import {execFile} from 'node:child_process';
import {FULL_CHROMIUM, TEST_CHROMIUM} from '../chromium.mjs';
import {root} from '../node/load-core.mjs';

const BIN = `${root}bin/consent-banner.js`;

/**
 * The environment of a CLI run: this process's, with the tests' Chromium as CHROME_PATH (the full
 * one with `full`), then `env` on top.
 */
export const cliEnv = ({env = {}, full = false} = {}) => ({...process.env, CHROME_PATH: full ? FULL_CHROMIUM : TEST_CHROMIUM, ...env});

/**
 * Resolves with the exit code and the output; never rejects on a non-zero exit. `env` adds to the
 * environment; `full` runs it with the full Chromium (test/chromium.mjs).
 */
export const cli = (args, {env, full, ...options} = {}) =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {cwd: root, timeout: 120_000, ...options, env: cliEnv({env, full})},
      (error, stdout, stderr) => resolve({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr})
    );
  });
