// The browser side of test_admin_console.sh: node admin_console.js PHASE URL.
// Expected figures come from the database through the environment
// (DB_SUBMITTED, DB_RECOGNIZED, DB_UNITS "CODE=QUOTA/SUBMITTED,...").
'use strict';
const { open, screenshot, check, eq, run } = require('./lib/browser.js');

const [phase, url] = process.argv.slice(2);
// Everything of District 5 the District 11 console must never show.
const OTHER = ['Q5-001', 'Q5-002', 'Chợ Kim Biên', 'Chương Dương', 'Quận 5', 'Sáng kiến chợ Kim Biên'];

function vn(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

async function visit(page, hash, selector) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForSelector(selector, { timeout: 30000 });
}

async function dashboard(page) {
  await page.waitForSelector('#headline');
  eq(vn(process.env.DB_SUBMITTED), await page.textContent('#fig-submitted'), 'submitted on the dashboard');
  eq(vn(process.env.DB_RECOGNIZED), await page.textContent('#fig-recognized'), 'recognized on the dashboard');
  // Per unit: quota and submitted as the database has them.
  const rows = await page.$$eval('.units-table tbody tr', (trs) => trs.map((tr) =>
    [...tr.children].map((td) => td.textContent)));
  const got = rows.map((c) => `${c[0]}=${c[2].replace(/\./g, '')}/${c[3].replace(/\./g, '')}`).join(',');
  eq(process.env.DB_UNITS, got, 'the units table against the database');
  // Both targets named: the district's own (40) and the sum of quotas (7).
  const targets = await page.textContent('.targets');
  check(/Chỉ tiêu của đơn vị \(Liên đoàn Lao động Quận 11\)\s*40/.test(targets), `the district's target named: ${targets}`);
  check(/Tổng chỉ tiêu đã phân bổ.*7/.test(targets), `the sum of quotas named: ${targets}`);
  // One unit far ahead (24 against 1): its bar is cut and the other stays visible.
  const widths = await page.$$eval('#units .bar .value', (els) => els.map((e) => e.getBoundingClientRect().width));
  check(widths.length === 2, `two unit bars, got ${widths.length}`);
  const small = Math.min(...widths), big = Math.max(...widths);
  check(small > big / 20, `the small unit's bar stays readable (${small}px against ${big}px)`);
  check((await page.textContent('#units figcaption')).includes('bị cắt bớt'), 'the cut is said');
  // The units to urge: Bệnh Viện, 4 short of 5.
  const urge = await page.textContent('#behind');
  check(urge.includes('Bệnh Viện') && urge.includes('thiếu 4'), `the unit to urge: ${urge}`);
  // Weeks as dd/mm/yyyy.
  const weeks = await page.textContent('#weeks');
  check(/\d{2}\/\d{2}\/2022/.test(weeks), `weeks dd/mm/yyyy: ${weeks}`);
  check(!/\d{4}-\d{2}-\d{2}/.test(await page.textContent('main')), 'no ISO date on the dashboard');
  await screenshot(page, 'console-01-dashboard');
}

// DB_DEVICES "CODE=N,..." (unit credentials not revoked), DB_SYNCS
// "CODE=dd/mm/yyyy HH:MM,..." (unit_syncs in local time), from the database.
async function units(page) {
  await visit(page, '#/units', '.units-list');
  check(await page.$('#units-loading') === null, 'the count of units received is gone once they are shown');
  const idle = await page.evaluate(async () => (await fetch('/api/units/progress')).json());
  eq('{"loading":false,"units":0}', JSON.stringify(idle), 'no progress fetch running after the page');
  const rows = await page.$$eval('.units-list tbody tr', (trs) => trs.map((tr) => ({
    code: tr.dataset.code,
    parent: tr.children[2].textContent,
    quota: tr.children[3].textContent,
    submitted: tr.children[4].textContent,
    devices: tr.querySelectorAll('ul.devices li').length,
    last: tr.children[7].textContent,
  })));
  eq(process.env.DB_UNITS, rows.map((r) => `${r.code}=${r.quota}/${r.submitted}`).join(','), 'the units page against the database');
  eq(process.env.DB_DEVICES, rows.map((r) => `${r.code}=${r.devices}`).join(','), 'enrolled devices against the database');
  // Each unit's last sync as the server recorded it, in local time.
  eq(process.env.DB_SYNCS, rows.map((r) => `${r.code}=${r.last}`).join(','), 'last syncs against the database');
  for (const r of rows) check(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/.test(r.last), `last sync of ${r.code}: ${r.last}`);
  // The district's tree: itself alone above its units, with their totals.
  const tree = await page.$$eval('#unit-tree li', (lis) => lis.map((li) => li.textContent));
  eq('Liên đoàn Lao động Quận 11 (Q11) Quận, huyện – 2 công đoàn cơ sở, chỉ tiêu 7, đã gửi 25, công nhận 2',
    tree.join('\n'), 'the district in its tree');
  for (const r of rows) eq('Liên đoàn Lao động Quận 11', r.parent, `the parent of ${r.code}`);
  // The filter finds a unit without its diacritics.
  await page.fill('#unit-filter', 'benh vien');
  eq('1/2 công đoàn cơ sở; 2 máy đã đăng ký.', await page.textContent('#unit-count'), 'the filter without diacritics');
  await page.fill('#unit-filter', '');
  // An enrollment code issued from the page, for the shell to use.
  await page.click('button[data-unit="Q11-044"]');
  await page.waitForSelector('#enroll-code');
  const code = (await page.textContent('#enroll-code')).trim();
  check(code.length >= 8, `an enrollment code: ${code}`);
  require('fs').writeFileSync(`${process.env.T}/enroll-code`, code);
  check((await page.textContent('#enroll-result')).includes('sangkien enroll 127.0.0.1:'), 'the command to run is shown');
  await screenshot(page, 'console-02-units');
}

// The administrator's tree: nation, city, both districts, their units.
async function tree(page) {
  await visit(page, '#/units', '#unit-tree');
  const levels = await page.$$eval('#unit-tree li', (lis) => lis.map((li) => {
    let depth = 0;
    for (let p = li.parentElement; p && p.id !== 'unit-tree'; p = p.parentElement) if (p.tagName === 'UL') depth++;
    return `${depth}:${li.querySelector('a').textContent}|${li.querySelector('span').textContent}`;
  }));
  eq([
    '0:Tổng Liên đoàn Lao động Việt Nam (VN)|Toàn quốc – 4 công đoàn cơ sở, chỉ tiêu 14, đã gửi 28, công nhận 2',
    '1:Liên đoàn Lao động TP. Hồ Chí Minh (HCM)|Tỉnh, thành phố – 4 công đoàn cơ sở, chỉ tiêu 14, đã gửi 28, công nhận 2',
    '2:Liên đoàn Lao động Quận 11 (Q11)|Quận, huyện – 2 công đoàn cơ sở, chỉ tiêu 7, đã gửi 25, công nhận 2',
    '2:Liên đoàn Lao động Quận 5 (Q5)|Quận, huyện – 2 công đoàn cơ sở, chỉ tiêu 7, đã gửi 3, công nhận 0',
  ].join('\n'), levels.join('\n'), 'the tree with its levels and totals');
  const shown = () => page.$$eval('.units-list tbody tr:not([hidden])', (trs) => trs.map((tr) =>
    `${tr.dataset.code}<${tr.children[2].textContent}`).join(','));
  eq('Q11-027<Liên đoàn Lao động Quận 11,Q11-044<Liên đoàn Lao động Quận 11,Q5-001<Liên đoàn Lao động Quận 5,Q5-002<Liên đoàn Lao động Quận 5',
    await shown(), 'every unit of the tree with its parent');
  // Choosing a district shows its units only, and the address keeps it.
  await page.click('a[data-tree="Q5"]');
  eq('Q5-001<Liên đoàn Lao động Quận 5,Q5-002<Liên đoàn Lao động Quận 5', await shown(), 'the units of District 5');
  eq('#/units?under=Q5', await page.evaluate(() => location.hash), 'the chosen level in the address');
  eq('2/4 công đoàn cơ sở thuộc Liên đoàn Lao động Quận 5; 4 máy đã đăng ký. Xem tất cả', await page.textContent('#unit-count'), 'the count says where');
  await screenshot(page, 'console-02b-tree');
  await page.click('#tree-all');
  eq(4, (await page.$$('.units-list tbody tr:not([hidden])')).length, 'all units again');
  // Opened from the address, the choice holds.
  await visit(page, '#/', '#headline');
  await visit(page, '#/units?under=Q11', '#unit-tree');
  eq('Q11-027<Liên đoàn Lao động Quận 11,Q11-044<Liên đoàn Lao động Quận 11', await shown(), 'under=Q11 from the address');
}

// DB_AUDIT, DB_AUDIT_044: audit entries of District 11 and of Q11-044.
async function audit(page) {
  await visit(page, '#/audit', '#audit-count');
  const count = await page.textContent('#audit-count');
  check(count.startsWith(`${process.env.DB_AUDIT} thay đổi`), `all of District 11's entries (${process.env.DB_AUDIT}): ${count}`);
  const rows = await page.$$eval('.audit-list tbody tr', (trs) => trs.map((tr) => tr.textContent));
  const recognized = rows.filter((t) => t.includes('Công nhận') && t.includes('integration test'));
  eq(2, recognized.length, 'the two recognitions, by their operator');
  check(recognized[0].includes('Đang xét duyệt → Được công nhận'), `before → after in words: ${recognized[0]}`);
  check(!rows.some((t) => /initiative\.|under_review|feed_seq/.test(t)), 'no raw codes in the table');
  check(!/\d{4}-\d{2}-\d{2}/.test(await page.textContent('.audit-list')), 'no ISO date in the table');
  await screenshot(page, 'console-03-audit');
  // The filters of the command: one unit.
  await page.fill('#f-unit', 'Q11-044');
  await page.click('#audit-filters button[type=submit]');
  await page.waitForFunction(() => /unit=Q11-044/.test(location.hash) && document.querySelector('#audit-count'));
  await page.waitForSelector('#audit-count');
  const c44 = await page.textContent('#audit-count');
  check(c44.startsWith(`${process.env.DB_AUDIT_044} thay đổi`), `Q11-044's entries (${process.env.DB_AUDIT_044}): ${c44}`);
  const units = await page.$$eval('.audit-list tbody tr td:nth-child(4)', (tds) => [...new Set(tds.map((td) => td.textContent))]);
  eq('Q11-044', units.join(','), 'only Q11-044 after the filter');
  // A day with nothing, written dd/mm/yyyy.
  await visit(page, '#/audit?since=01/01/2030', '#audit-count');
  eq('Không có thay đổi nào khớp điều kiện.', await page.textContent('#audit-count'), 'nothing since 2030');
  // A wrong date is refused in words.
  await visit(page, '#/audit?since=31/02/2022', '[role=alert]');
  check((await page.textContent('[role=alert]')).includes('không hợp lệ'), 'a wrong date refused');
}

// The print view: the official report opened from the page in a tab of its
// own, kept as $T/print.html and $T/print.pdf for the shell to compare.
async function print(page, context) {
  await visit(page, '#/print', '#open-print');
  await page.fill('#p-number', '35');
  await page.fill('#p-date', '31/05/2022');
  await page.fill('#p-signer_title', 'Phó Chủ tịch');
  await page.fill('#p-signer_name', 'Phan Thị Minh Duyên');
  await page.fill('#p-recipient', 'Ban CSPL LĐLĐ TP\nLưu VT');
  await screenshot(page, 'console-04-print-form');
  const [doc] = await Promise.all([context.waitForEvent('page'), page.click('#open-print')]);
  await doc.waitForLoadState('load');
  const text = await doc.textContent('body');
  for (const want of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số: 35/BC', 'ngày 31 tháng 5 năm 2022',
    'Phan Thị Minh Duyên', 'Phường 1', 'Bệnh Viện', 'Phụ lục 1', 'Ban CSPL LĐLĐ TP']) {
    check(text.includes(want), `the print view has '${want}'`);
  }
  for (const needle of OTHER) check(!text.includes(needle), `the print view shows District 5's '${needle}'`);
  await screenshot(doc, 'console-05-print-view');
  const fs = require('fs');
  fs.writeFileSync(`${process.env.T}/print.html`, await doc.content());
  // The document itself may fetch nothing (its CSP): the console's page asks.
  const u = new URL(doc.url());
  const raw = await page.evaluate(async (path) => (await fetch(path)).text(), u.pathname + u.search);
  fs.writeFileSync(`${process.env.T}/print-raw.html`, raw);
  await doc.pdf({ path: `${process.env.T}/print.pdf`, preferCSSPageSize: true, printBackground: true });
  await doc.close();
}

async function isolation(page) {
  await page.waitForSelector('#headline');
  const pages = [['#/', '#headline'], ['#/units', '.units-list'], ['#/audit', '.audit-list'], ['#/print', '#open-print']];
  for (const [hash, sel] of pages) {
    await visit(page, hash, sel);
    const text = await page.textContent('body');
    for (const needle of OTHER) check(!text.includes(needle), `${hash} shows District 5's '${needle}'`);
  }
  // Asking for District 5 by hand is refused by the server, in words.
  const r = await page.evaluate(async () => {
    const res = await fetch('/api/dashboard?scope=Q5');
    return { status: res.status, body: await res.json() };
  });
  check(r.status !== 200, `the dashboard of Q5 for Q11's operator: ${r.status}`);
  check(typeof r.body.error === 'string' && r.body.error.length > 0, 'a refusal in words');
}

async function unreachable(page) {
  await page.waitForSelector('[role=alert]');
  const text = await page.textContent('[role=alert]');
  check(text.includes('Không lấy được dữ liệu từ máy chủ'), `the page says the server was not reached: ${text}`);
  check(text.includes('không kết nối được máy chủ 127.0.0.1:1'), `the address named: ${text}`);
  await screenshot(page, 'console-09-unreachable');
}

run(async () => {
  const b = await open(url);
  try {
    await { dashboard, units, tree, audit, print, isolation, unreachable }[phase](b.page, b.context);
    eq('', b.page.jsErrors.join('\n'), 'script errors on the page');
  } finally {
    await b.close();
  }
});
