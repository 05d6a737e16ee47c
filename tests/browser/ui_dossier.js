// The browser side of test_ui_dossier.sh: node ui_dossier.js PHASE URL ID DIR.
'use strict';
const fs = require('fs');
const path = require('path');
const { open, screenshot, check, eq, run } = require('./lib/browser.js');

const [phase, url, id, dir] = process.argv.slice(2);
const item = url.replace(/\/\?k=.*/, `/#/item/${id}`);
const PDF = 'Tờ trình công nhận.pdf';

async function rows(page) {
  return page.$$eval('#dossier li.file', (lis) => lis.map((li) => li.textContent));
}

async function attach(page) {
  await page.goto(item);
  await page.waitForSelector('#attach-input', { state: 'attached' });
  check((await page.textContent('#dossier-empty')).includes('Chưa có tệp'), 'an empty dossier says so');
  // Every input of the page has a label.
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')).map((el) => el.id));
  eq('', unlabelled.join(','), 'inputs without a label');
  // Picked: two files, one label; each has its bar while it is copied in.
  await page.fill('#attach-label', 'Hồ sơ đề nghị công nhận');
  const bars = [];
  page.on('request', (r) => { if (r.url().includes('/api/attach/part')) bars.push(r.url()); });
  await page.setInputFiles('#attach-input', [path.join(dir, PDF), path.join(dir, 'Ảnh trước cải tiến.jpg')]);
  await page.waitForSelector('#dossier li.file');
  let list = await rows(page);
  eq(2, list.length, 'files in the dossier after picking two');
  check(list[0].includes(PDF) && list[0].includes('683,5 KB') && list[0].includes('Hồ sơ đề nghị công nhận'),
    `the PDF with its size and label: ${list[0]}`);
  check(list.every((t) => t.includes('Chờ gửi')), 'both wait for the sync');
  // 700,000 bytes in pieces of 192 KiB: four requests, and one for the photo.
  eq(5, bars.length, 'pieces sent for the two files');
  await screenshot(page, '20-dossier-picked');

  // Dropped: the workbook, as a drag from the desktop delivers it.
  const xlsx = fs.readFileSync(path.join(dir, 'Bảng hiệu quả.xlsx')).toString('base64');
  await page.evaluate(([b64, name]) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name));
    const zone = document.getElementById('attach-drop');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [xlsx, 'Bảng hiệu quả.xlsx']);
  await page.waitForFunction(() => document.querySelectorAll('#dossier li.file').length === 3);
  list = await rows(page);
  check(list[2].includes('Bảng hiệu quả.xlsx') && list[2].includes('Excel (XLSX)'), `the dropped workbook: ${list[2]}`);

  // Named .pdf, is text: refused by content, the rule said, nothing added.
  await page.setInputFiles('#attach-input', path.join(dir, 'Giả mạo.pdf'));
  await page.waitForSelector('#attach-status .notice.bad');
  const refusal = await page.textContent('#attach-status');
  check(/không thuộc loại được nhận.*PDF, JPEG, PNG, WebP, DOCX, ODT, XLSX/.test(refusal), `the refusal: ${refusal}`);
  eq(3, (await rows(page)).length, 'files after the refusal');
  await screenshot(page, '21-dossier-refused');

  // The photo removed before it was sent.
  await page.click('button[aria-label="Gỡ Ảnh trước cải tiến.jpg"]');
  await page.waitForFunction(() => document.querySelectorAll('#dossier li.file').length === 2);
  check(!(await page.textContent('#dossier')).includes('Ảnh trước'), 'the photo is gone');
}

async function sync(page) {
  await page.goto(url.replace(/\/\?k=.*/, '/#/sync'));
  await page.waitForSelector('#sync-now:not([disabled])');
  await page.click('#sync-now');
  // To the initiative while it runs: the PDF's bar moves with the upload.
  await page.goto(item);
  await page.waitForSelector('#dossier li.file');
  const seen = new Set();
  for (let i = 0; i < 400; i++) {
    const v = await page.evaluate((name) => {
      const li = [...document.querySelectorAll('#dossier li.file')].find((x) => x.textContent.includes(name));
      const bar = li && li.querySelector('progress');
      return bar ? [bar.value, bar.max] : null;
    }, PDF);
    if (v) seen.add(v[0] > 0 && v[0] < v[1] ? 'part' : v[0] >= v[1] ? 'full' : 'none');
    if (seen.has('part')) break;
    await page.waitForTimeout(50);
  }
  check(seen.has('part'), `the PDF's bar showed the upload under way (saw ${[...seen]})`);
  await screenshot(page, '22-dossier-uploading');
  await page.goto(url.replace(/\/\?k=.*/, '/#/sync'));
  await page.waitForSelector('#sync-summary', { timeout: 120000 });
  const line = await page.textContent('#sync-line');
  check(/tệp 2\/2/.test(line), `the sync line counts the files: ${line}`);
  await page.goto(item);
  await page.waitForSelector('#dossier li.file');
  const list = await rows(page);
  check(list.length === 2 && list.every((t) => t.includes('Đã gửi')), `both sent: ${list}`);
  await screenshot(page, '23-dossier-sent');
}

// The district wrote more notes than a frame holds: after a sync from the
// page the initiative shows the newest and says how many earlier ones the
// server left out, in the words of `sangkien show`.  Prints that sentence
// for the shell to compare with show's.
async function notes(page) {
  await page.goto(url.replace(/\/\?k=.*/, '/#/sync'));
  await page.waitForSelector('#sync-now:not([disabled])');
  await page.click('#sync-now');
  await page.waitForSelector('#sync-summary', { timeout: 120000 });
  await page.goto(item);
  await page.waitForSelector('#notes-omitted');
  const omitted = (await page.textContent('#notes-omitted')).trim();
  const m = /^\((\d+) ý kiến cũ hơn không hiện ở đây\)$/.exec(omitted);
  check(m !== null, `the page says how many notes were left out: ${omitted}`);
  const shown = await page.$$eval('#notes li', (lis) => lis.map((li) => li.textContent));
  check(shown.length > 0 && shown.every((t) => t.includes('Ban Chính sách pháp luật')), `the notes shown: ${shown.length}`);
  check(shown.some((t) => t.includes('Ý kiến số 30:')), 'the newest note is shown');
  check(!shown.some((t) => t.includes('Ý kiến số 1:')), 'the oldest note is left out');
  eq(30, Number(m[1]) + shown.length, 'notes shown and left out');
  // A note of one long word wraps inside its card.
  eq(true, await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    'the page is no wider than the window');
  // The sentence where a person reads it (the notes below run long).
  await page.$eval('#h-review', (el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(process.env.SK_SCREENSHOTS, '24-notes-omitted.png') });
  console.log(`omitted: ${omitted}`);
}

run(async () => {
  const s = await open(url);
  try {
    await { attach, sync, notes }[phase](s.page);
    eq('', s.page.jsErrors.join('; '), 'errors in the page');
  } catch (e) {
    await screenshot(s.page, `failed-dossier-${phase}`).catch(() => {});
    throw e;
  } finally {
    await s.close();
  }
});
