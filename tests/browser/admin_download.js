// The browser side of test_admin_download.sh: node admin_download.js PHASE URL.
// U (the initiative), BIG and SMALL (its files' SHA-256), their names,
// CONSOLE_PID, SANGKIEN_UI_DOWNLOAD_BUFFER and SK_ASAN come in the environment.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const { open, screenshot, waitText, check, eq, run } = require('./lib/browser.js');

const [phase, url] = process.argv.slice(2);
const { U, BIG, SMALL, BIG_NAME, SMALL_NAME, CONSOLE_PID } = process.env;
const BOUND = Number(process.env.SANGKIEN_UI_DOWNLOAD_BUFFER);
// The most bytes one FileChunkReply carries (max_frame_bytes' default, less
// room for its envelope): what may come on top of the bound.
const CHUNK_MAX = 1048576;
const sleep = (ms) => new Promise((ok) => { setTimeout(ok, ms); });

function rssKb() {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${CONSOLE_PID}/status`, 'utf8'))[1]);
}

async function openItem(page) {
  await page.waitForSelector('#headline, [role=alert]');
  await page.evaluate((u) => { location.hash = `#/review/${u}`; }, U);
  await page.waitForSelector(`#dossier li[data-sha="${BIG}"] button`);
}

// Click a file's button; the download and the page's name for it (t=).
async function startDownload(page, sha) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }),
    page.click(`#dossier li[data-sha="${sha}"] button`)]);
  const token = await page.getAttribute(`#dossier li[data-sha="${sha}"] .file-status`, 'data-t');
  check(/^[0-9a-f]{32}$/.test(token || ''), 'the page names its download');
  return { dl, token };
}

async function large(page) {
  await openItem(page);
  const before = rssKb();
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, rssKb()); }, 20);
  const t0 = Date.now();
  const { dl, token } = await startDownload(page, BIG);
  await page.waitForFunction(() => /Đang tải…/.test(document.querySelector('#dossier .file-status').textContent));
  await screenshot(page, 'download-01-under-way');
  const file = `${process.env.T}/download-big.pdf`;
  await dl.saveAs(file);
  const secs = (Date.now() - t0) / 1000;
  clearInterval(sampler);
  eq(null, await dl.failure(), 'the download did not fail');
  eq(BIG_NAME, dl.suggestedFilename(), 'saved under the unit\'s name');
  eq(70000000, fs.statSync(file).size, 'every byte');
  const hash = crypto.createHash('sha256');
  for (const b of [fs.readFileSync(file)]) hash.update(b);
  eq(BIG, hash.digest('hex'), 'the bytes the unit sent');
  fs.rmSync(file);
  await waitText(page, `#dossier li[data-sha="${BIG}"] .file-status`, /Đã tải, đúng mã SHA-256/);
  await screenshot(page, 'download-02-done');
  const st = await page.evaluate(async (t) => (await fetch(`/api/review/file/state?t=${t}`)).json(), token);
  eq('done', st.state, 'the console\'s record of it');
  eq(BOUND, st.bound, 'the bound in force');
  check(st.peak_buffered <= BOUND + CHUNK_MAX, `at most the bound and a chunk waited: ${st.peak_buffered}`);
  console.log(`bench: console RSS ${before} kB before, at most ${peak} kB during a 70 MB download `
    + `(${secs.toFixed(1)} s; at most ${st.peak_buffered} bytes waited for the browser)`);
  if (process.env.SK_ASAN === '1') console.log('note: RSS not compared under the sanitizers (their quarantine keeps freed memory)');
  else check(peak - before < 30000, `the console grew by ${peak - before} kB for a 70 MB file`);
}

// Plain HTTP with the console's cookie, for a reader a browser cannot play.
function get(path, headers) {
  return new Promise((ok, fail) => {
    const req = http.get(new URL(path, url), { headers }, ok);
    req.on('error', fail);
  });
}

async function slow() {
  const first = await get(url, {});
  const cookie = first.headers['set-cookie'][0].split(';')[0];
  first.resume();
  const h = { Cookie: cookie, Host: new URL(url).host };
  const json = async (p) => {
    const r = await get(p, h);
    let s = '';
    for await (const c of r) s += c;
    return JSON.parse(s);
  };
  const t = crypto.randomBytes(16).toString('hex');
  const res = await get(`/api/review/file?uuid=${U}&sha=${BIG}&t=${t}`, h);
  eq(200, res.statusCode, 'the download starts');
  eq('70000000', res.headers['content-length'], 'its length');
  check(/filename\*=UTF-8''B%E1%BA%A3n%20v%E1%BA%BD/.test(res.headers['content-disposition']),
    `the Vietnamese name (RFC 5987): ${res.headers['content-disposition']}`);
  eq('application/pdf', res.headers['content-type'], 'the type judged from the bytes');
  res.pause();
  await sleep(3000);
  const a = await json(`/api/review/file/state?t=${t}`);
  await sleep(1500);
  const b = await json(`/api/review/file/state?t=${t}`);
  eq('sending', b.state, 'still under way');
  eq(a.received, b.received, 'nothing more read from the server while the reader reads nothing');
  check(b.received < 70000000 / 2, `the console stopped reading the server early: ${b.received}`);
  check(b.peak_buffered <= BOUND + CHUNK_MAX, `at most the bound and a chunk waited: ${b.peak_buffered}`);
  console.log(`note: with the reader stopped, ${b.received} bytes read from the server, console RSS ${rssKb()} kB`);
  res.destroy();
  let s = b;
  for (let i = 0; i < 100 && s.state === 'sending'; i++) {
    await sleep(200);
    s = await json(`/api/review/file/state?t=${t}`);
  }
  eq('stopped', s.state, 'the console saw the reader go');
}

async function changed(page) {
  await openItem(page);
  const { dl } = await startDownload(page, SMALL);
  const failure = await dl.failure();
  check(failure !== null, 'the browser marks the download failed');
  await waitText(page, `#dossier li[data-sha="${SMALL}"] .file-status`, /không đúng mã SHA-256 của tệp\. Trình duyệt đánh dấu lượt tải hỏng và không giữ tệp/);
  await screenshot(page, 'download-03-changed-bytes');
  console.log(`note: the browser says "${failure}" of ${SMALL_NAME}`);
}

run(async () => {
  if (phase === 'slow') return slow();
  const b = await open(url);
  try {
    await { large, changed }[phase](b.page);
    eq('', b.page.jsErrors.join('\n'), 'script errors on the page');
  } finally {
    await b.close();
  }
  return undefined;
});
