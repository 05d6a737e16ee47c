// The browser side of test_admin_review.sh: node admin_review.js PHASE URL.
// LED, LED2 (its similar one in the same district), Q5LED (District 5's)
// and BULK (five under review) come in the environment.
'use strict';
const { execFileSync } = require('child_process');
const { open, screenshot, check, eq, run } = require('./lib/browser.js');

const [phase, url] = process.argv.slice(2);
const { LED, LED2, Q5LED } = process.env;
const BULK = process.env.BULK.trim().split(/\s+/);
const LED_TITLE = 'Thay đèn LED tiết kiệm điện ở nhà xưởng';
const NOTE = 'Bổ sung ảnh chụp sổ giao ca và số giờ tiết kiệm mỗi tháng.';
const LED_NOTE = 'Đề nghị đơn vị nhân rộng cách làm sang các xưởng khác.';

// Wait until the element's text matches re (the element may come later).
async function waitText(page, selector, re, timeout = 30000) {
  await page.waitForFunction(([sel, src]) => {
    const el = document.querySelector(sel);
    return el && new RegExp(src).test(el.textContent);
  }, [selector, re.source], { timeout });
}

async function visit(page, hash, selector) {
  await page.evaluate((hh) => { location.hash = hh; }, hash);
  await page.waitForSelector(selector);
}

// The decision buttons offered on the reading page, by op code.
async function offered(page) {
  return page.$$eval('#actions button', (bs) => bs.map((b) => b.dataset.op).join(','));
}

async function recognize(page) {
  await visit(page, '#/review', '#queue-rows tr');
  await screenshot(page, 'review-01-queue');
  // From the queue by its title.
  await page.click(`#queue-rows tr[data-uuid="${LED}"] a`);
  await page.waitForSelector('#similar');
  await screenshot(page, 'review-02-read-submitted');
  const similar = await page.textContent('#similar');
  check(similar.includes('Thay đèn LED tiết kiệm điện cho nhà xưởng số 2'), `the similar one is shown: ${similar}`);
  check(/\d+%/.test(similar), 'its figure is shown');
  const words = await page.$$eval(`#similar li[data-uuid="${LED2}"] .words mark`, (m) => m.map((x) => x.textContent));
  eq('Thay,đèn,LED,tiết,kiệm,điện,nhà,xưởng', words.join(','), 'the words the titles share');
  check(!similar.includes('Kim Biên'), 'District 5\'s similar initiative is not shown');
  check(similar.includes('chưa kịp đưa vào chỉ mục'), 'the page says just-submitted ones are compared too');
  const body = await page.textContent('main');
  for (const t of ['Trần Văn Đức – Tổ trưởng tổ bảo trì', 'Lê Thị Ngọc Ánh', 'Giảm 30% tiền điện mỗi tháng.',
    '15/04/2022', 'Phường 1 (Q11-027)', 'Gửi sáng kiến', 'Đã gửi, chờ xem xét']) {
    check(body.includes(t), `the reading page shows '${t}'`);
  }
  // Submitted: only starting review is offered.
  eq('start', await offered(page), 'decisions offered for a submitted initiative');
  await page.click('#actions button[data-op=start]');
  await page.click('#d-submit');
  await waitText(page, '#decision-result', /Bắt đầu xem xét: xong/);
  eq('recognize,request_changes,reject', await offered(page), 'decisions offered under review');
  check((await page.textContent('#content')).includes('Đang xét duyệt'), 'the status is under review');
  // Recognize: a date that does not exist is refused beside its field.
  await page.click('#actions button[data-op=recognize]');
  await page.fill('#d-so_quyet_dinh', '12/QĐ-LĐLĐ');
  await page.fill('#d-ngay_quyet_dinh', '31/02/2022');
  await page.fill('#d-nguoi_cong_nhan', 'Chủ tịch LĐLĐ Quận 11');
  await page.click('#d-submit');
  await waitText(page, '#e-ngay_quyet_dinh', /./);
  check((await page.textContent('#e-ngay_quyet_dinh')).includes('31/02/2022'), 'the date error quotes what was typed');
  eq('true', await page.getAttribute('#d-ngay_quyet_dinh', 'aria-invalid'), 'the date is marked');
  eq('12/QĐ-LĐLĐ', await page.inputValue('#d-so_quyet_dinh'), 'the number is kept');
  await screenshot(page, 'review-03-recognize-wrong-date');
  await page.fill('#d-ngay_quyet_dinh', '20/05/2022');
  await page.click('#d-submit');
  await page.waitForSelector('#recognition');
  eq('Được công nhận: quyết định số 12/QĐ-LĐLĐ ngày 20/05/2022, Chủ tịch LĐLĐ Quận 11.',
    await page.textContent('#recognition'), 'the recognition as the page says it');
  eq('reward', await offered(page), 'decisions offered once recognized');
  check((await page.textContent('#history')).includes('Công nhận'), 'the history has the recognition');
  await screenshot(page, 'review-04-recognized');
  // Then commended (biểu dương), with no amount.
  await page.click('#actions button[data-op=reward]');
  await page.check('input[name=hinh_thuc][value=commendation]');
  await page.fill('#d-cap_khen', 'Quận');
  await page.fill('#d-so_quyet_dinh', '5/QĐ-LĐLĐ');
  await page.fill('#d-ngay_quyet_dinh', '01/06/2022');
  await page.click('#d-submit');
  await page.waitForSelector('#reward');
  eq('Biểu dương cấp Quận: quyết định số 5/QĐ-LĐLĐ ngày 01/06/2022.', await page.textContent('#reward'),
    'the commendation as the page says it');
  check((await page.textContent('#content')).includes('Được khen thưởng'), 'the status is rewarded');
  check(/không còn quyết định nào/.test(await page.textContent('#decide')), 'nothing more is offered');
  // A note is still offered, apart: it changes no status.
  await page.click('#note-action');
  eq('Ghi chú – trạng thái không đổi', await page.textContent('#decision-form h3'), 'the note\'s form says the status stays');
  await page.click('#d-submit');
  await waitText(page, '#e-ghi_chu', /./);
  await page.fill('#d-ghi_chu', LED_NOTE);
  await screenshot(page, 'review-04b-note-form');
  await page.click('#d-submit');
  await waitText(page, '#decision-result', /Đã thêm ghi chú; trạng thái không đổi/);
  check((await page.textContent('#notes')).includes(LED_NOTE), 'the note among the review notes');
  check((await page.textContent('#content')).includes('Được khen thưởng'), 'the status is still rewarded');
  await screenshot(page, 'review-04c-noted');
}

async function bulk(page) {
  await visit(page, '#/review?status=under_review', '#queue-rows tr');
  for (const u of BULK) await page.check(`#queue-rows input[data-uuid="${u}"]`);
  await page.waitForSelector('#bulk-actions');
  eq('recognize,request_changes,reject,note', await page.$$eval('#bulk-actions button', (bs) => bs.map((b) => b.dataset.op).join(',')),
    'the decisions five initiatives under review share');
  await page.click('#bulk-actions button[data-op=request_changes]');
  await page.fill('#d-ghi_chu', NOTE);
  await screenshot(page, 'review-05-bulk-form');
  // Meanwhile another officer rejects the last one from the terminal.
  execFileSync(process.env.SK_ADMIN, ['review', 'reject', BULK[4], '--reason', 'Trùng với sáng kiến đã có.'],
    { env: process.env, stdio: 'ignore' });
  await page.click('#d-submit');
  await page.waitForSelector('#results');
  const head = await page.textContent('#h-results');
  eq('Kết quả: 4 xong, 1 bị từ chối', head, 'the results heading');
  const rows = await page.$$eval('#results tbody tr', (trs) => trs.map((tr) => [tr.className, tr.textContent]));
  eq(5, rows.length, 'one result per initiative');
  const refused = rows.filter((r) => r[0] === 'refused');
  eq(4, rows.filter((r) => r[0] === 'done').length, 'four done');
  eq(1, refused.length, 'one refused');
  check(refused[0][1].includes('trạng thái hiện tại không cho phép') && refused[0][1].includes('Không được công nhận'),
    `the refusal says why and the status now: ${refused[0][1]}`);
  check(refused[0][1].includes('– máy chủ: cannot request changes an initiative whose status is rejected'),
    `the server's own words beside it: ${refused[0][1]}`);
  eq('Không có sáng kiến nào khớp bộ lọc.', await page.textContent('#queue-count'), 'none left under review');
  check(rows[0][1].includes('Sổ giao ca điện tử tổ'), 'results name the initiatives by title');
  await screenshot(page, 'review-06-bulk-results');
}

// DOSSIER "sha|name;...": LED's files as the unit attached them.
async function dossier(page) {
  const want = process.env.DOSSIER.split(';').map((x) => x.split('|'));
  await visit(page, `#/review/${LED}`, '#dossier');
  eq(`Hồ sơ (${want.length} tệp)`, await page.textContent('#h-dossier'), 'the dossier\'s heading');
  const text = await page.textContent('#dossier');
  for (const [, name] of want) check(text.includes(name), `the dossier lists ${name}: ${text}`);
  check(text.includes('2.500.000 byte') && /PDF/.test(text), `size and type of the PDF: ${text}`);
  check(/đính kèm \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/.test(text), `when it was attached, dd/mm/yyyy: ${text}`);
  const crypto = require('crypto');
  const fs = require('fs');
  for (const [sha, name] of want) {
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }),
      page.click(`#dossier button[data-sha="${sha}"]`)]);
    eq(name, dl.suggestedFilename(), 'the file is saved under the unit\'s name');
    const file = `${process.env.T}/download-${sha.slice(0, 8)}`;
    await dl.saveAs(file);
    eq(sha, crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'), `the bytes of ${name}`);
    await waitText(page, `#dossier li[data-sha="${sha}"] .file-status`, /Đã tải, đúng mã SHA-256/);
  }
  await screenshot(page, 'review-03b-dossier');
  // A file not in the dossier, and a malformed key, are refused in words.
  const r = await page.evaluate(async ([u, s]) => {
    const other = await fetch(`/api/review/file?uuid=${u}&sha=${'0'.repeat(64)}`);
    const bad = await fetch(`/api/review/file?uuid=${u}&sha=${s.slice(0, 10)}`);
    return { other: other.status, otherText: (await other.json()).error, bad: bad.status };
  }, [LED, want[0][0]]);
  eq(404, r.other, 'a file not in the dossier');
  eq('Tệp này không còn trong hồ sơ của sáng kiến.', r.otherText, 'its refusal in words');
  eq(400, r.bad, 'a malformed file key');
}

async function isolation(page) {
  await visit(page, '#/review?status=all', '#queue-rows tr');
  const queue = await page.textContent('main');
  check(!queue.includes('Kim Biên') && !queue.includes('Q5-'), 'the queue shows nothing of District 5');
  const units = await page.$$eval('#f-unit option', (os) => os.map((o) => o.value).join(','));
  check(units.includes('Q11-027') && !units.includes('Q5'), `the unit filter offers District 11's units only: ${units}`);
  // Page by page (two rows a page), nothing skipped or repeated, none of District 5.
  const pages = await page.evaluate(async () => {
    const seen = [];
    let after = null;
    for (let i = 0; i < 20; i++) {
      const q = new URLSearchParams({ status: 'all', limit: '2' });
      if (after !== null) q.set('after', after);
      const d = await (await fetch(`/api/review/queue?${q}`)).json();
      seen.push(...d.items.map((x) => x.unit_code + ' ' + x.uuid));
      if (d.next === null) break;
      after = d.next;
    }
    const all = await (await fetch('/api/review/queue?status=all')).json();
    return { seen, all: all.items.map((x) => x.unit_code + ' ' + x.uuid) };
  });
  eq(7, pages.all.length, 'District 11 has seven initiatives');
  eq(pages.all.join(','), pages.seen.join(','), 'pages of two give the whole list once, in order');
  check(pages.seen.every((x) => x.startsWith('Q11-')), 'only District 11\'s units');
  // The filters: unit, kind, phase, the dates received (dd/mm/yyyy), status.
  const counts = await page.evaluate(async () => {
    const n = async (q) => (await (await fetch(`/api/review/queue?${new URLSearchParams(q)}`)).json()).items.length;
    const d = new Date();
    const p = (x) => String(x).padStart(2, '0');
    const today = `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
    return {
      unit: await n({ status: 'all', unit: 'Q11-044' }),
      kind: await n({ status: 'all', kind: 'management' }),
      phase: await n({ status: 'all', phase: 'P1' }),
      today: await n({ status: 'all', from: today, to: today }),
      before: await n({ status: 'all', to: '01/01/2022' }),
      rewarded: await n({ status: 'rewarded' }),
      bad: (await fetch('/api/review/queue?from=31/02/2022')).status,
    };
  });
  eq(JSON.stringify({ unit: 1, kind: 5, phase: 2, today: 7, before: 0, rewarded: 1, bad: 400 }),
    JSON.stringify(counts), 'the queue\'s filters');
  // District 5's initiative by its address: refused in words.
  await visit(page, `#/review/${Q5LED}`, '[role=alert]');
  const alert = await page.textContent('[role=alert]');
  check(alert.includes('Không có sáng kiến này trong phạm vi của bạn'), `reading District 5's: ${alert}`);
  check(!(await page.textContent('main')).includes('Kim Biên'), 'nothing of it is shown');
  await screenshot(page, 'review-07-other-district');
  // Its similar ones, a decision on it, and a bulk one mixing it in.
  const r = await page.evaluate(async ([q5, led2]) => {
    const item = await fetch(`/api/review/item?uuid=${q5}`);
    const body = new URLSearchParams([['op', 'start'], ['uuid', q5], ['uuid', led2]]);
    const d = await fetch('/api/review/decide', { method: 'POST', body });
    return { item: item.status, decide: d.status, results: (await d.json()).results };
  }, [Q5LED, LED2]);
  eq(404, r.item, 'reading District 5\'s initiative');
  eq(200, r.decide, 'the decision is answered per item');
  eq(false, r.results[0].ok, 'District 5\'s initiative is refused');
  eq('ngoài phạm vi của bạn', r.results[0].text, 'the refusal in words');
  eq('mã sáng kiến', r.results[0].field_text, 'the field it names in words');
  eq(true, r.results[1].ok, 'District 11\'s own in the same request is started');
  // District 5's dossier is refused by the server, whatever the file asked for.
  const f = await page.evaluate(async (q5) => (await fetch(`/api/review/file?uuid=${q5}&sha=${'a'.repeat(64)}`)).status, Q5LED);
  check(f === 403 || f === 404, `a file of District 5's initiative: ${f}`);
}

// The decision date's default is today in the console's zone (OFFICE_TODAY:
// that day at the start and a few minutes later), not in the browser's,
// here 26 hours away from it, so the two days always differ.
const BROWSER_ZONE = 'Etc/GMT+12';
async function today(page) {
  // LED2 is under review by now (the isolation phase started it).
  await visit(page, `#/review/${LED2}`, '#actions button[data-op=recognize]');
  await page.click('#actions button[data-op=recognize]');
  await page.waitForFunction(() => document.querySelector('#d-ngay_quyet_dinh').value !== '');
  const got = await page.inputValue('#d-ngay_quyet_dinh');
  const browserDay = await page.evaluate(() => new Date().toLocaleDateString('en-GB'));
  check(process.env.OFFICE_TODAY.split(' ').includes(got),
    `the decision date's default ${got} is the office's today (${process.env.OFFICE_TODAY})`);
  check(got !== browserDay, `the browser's own day (${browserDay}) is another`);
  await screenshot(page, 'review-10-decision-date-office-zone');
}

run(async () => {
  const b = await open(url, phase === 'today' ? { timezoneId: BROWSER_ZONE } : {});
  try {
    await b.page.waitForSelector('#headline, [role=alert]');
    await { recognize, dossier, bulk, isolation, today }[phase](b.page);
    eq('', b.page.jsErrors.join('\n'), 'script errors on the page');
  } finally {
    await b.close();
  }
});
