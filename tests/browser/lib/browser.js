// browser.js - what every browser test shares: Debian's chromium launched
// headless by playwright-core with a new, empty profile; a page opened at a
// URL; screenshots kept for a person to look at; assertions that say what
// failed.  Generic: nothing here knows which program serves the page.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.SK_CHROMIUM || '/usr/bin/chromium';
// No network beyond the page under test, no first-run or background work.
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// launch({viewport, locale}): a browser context on a new empty profile.
// Returns {context, close}; close() also removes the profile.
async function launch(options = {}) {
  const profile = fs.mkdtempSync(path.join(process.env.T || os.tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: options.viewport || { width: 1366, height: 768 },
    locale: options.locale || 'vi-VN',
    timezoneId: options.timezoneId || 'Asia/Ho_Chi_Minh',
    isMobile: options.isMobile || false,
    hasTouch: options.hasTouch || false,
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// open(url, options): launch and open one page at url.
// Returns {context, page, close}.
async function open(url, options = {}) {
  const b = await launch(options);
  const page = b.context.pages()[0] || (await b.context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Script errors only: a refused request (a 422 for a wrong field) is the
  // tests' to assert, not an error of the page.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.jsErrors = errors;
  await page.goto(url, { waitUntil: 'load' });
  return { ...b, page };
}

// screenshot(page, name): a full-page PNG in $SK_SCREENSHOTS (or $T); returns its path.
async function screenshot(page, name) {
  const dir = process.env.SK_SCREENSHOTS || process.env.T || os.tmpdir();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// waitText(page, selector, re, timeout): until the element's text matches re
// (the element may come later).
async function waitText(page, selector, re, timeout = 30000) {
  await page.waitForFunction(([sel, src]) => {
    const el = document.querySelector(sel);
    return el && new RegExp(src).test(el.textContent);
  }, [selector, re.source], { timeout });
}

function check(cond, what) {
  if (!cond) throw new Error(`FAIL: ${what}`);
}

function eq(want, got, what) {
  if (want !== got) throw new Error(`FAIL: ${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
}

// run(fn): run an async test body, print "ok" or the failure, set the exit status.
function run(fn) {
  fn().then(() => { console.log('ok'); }, (e) => {
    console.error(e && e.stack ? e.stack : String(e));
    process.exitCode = 1;
  });
}

module.exports = { launch, open, screenshot, waitText, check, eq, run, FLAGS, CHROMIUM };
