// The browser side of test_ui_office.sh: node ui_office.js PHASE URL.
'use strict';
const { open, screenshot, check, eq, run } = require('./lib/browser.js');

const [phase, url] = process.argv.slice(2);
const TITLE = 'Ứng dụng mã QR “một cửa” tiếp nhận hồ sơ đoàn viên – Phường 1';
const SUMMARY = 'Đoàn viên quét mã QR để nộp hồ sơ; cán bộ công đoàn xử lý trên điện thoại.\nÁp dụng từ tháng 3/2022 tại bộ phận một cửa.';
const DRAFT_TITLE = 'Quy trình giao ca bằng sổ điện tử';

async function type(page, selector, text) {
  await page.focus(selector);
  await page.keyboard.type(text);
}

// Wait until the element's text matches re (the element may come later).
async function waitText(page, selector, re, timeout = 30000) {
  await page.waitForFunction(([sel, src]) => {
    const el = document.querySelector(sel);
    return el && new RegExp(src).test(el.textContent);
  }, [selector, re.source], { timeout });
}

async function waitSaved(page) {
  await waitText(page, '#saved', /Đã lưu bản nháp lúc/);
}

async function entry(page) {
  await page.waitForSelector('h1');
  await screenshot(page, '01-home');
  // To the form by keyboard: the nav link, Enter.
  await page.focus('a[data-nav=new]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#f-title');
  eq('f-title', await page.evaluate(() => document.activeElement.id), 'the form starts in the title');
  // Every input has a label.
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')).map((el) => el.id || el.name));
  eq('', unlabelled.join(','), 'inputs without a label');

  await page.keyboard.type(TITLE);
  await page.keyboard.press('Tab');          // kind: chosen by keyboard
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');    // Cải tiến kỹ thuật? the second entry
  await page.keyboard.press('Tab');          // theme
  await page.keyboard.press('Tab');          // date
  await page.keyboard.type('31/02/2022');
  await page.keyboard.press('Tab');          // leaves the date: checked
  await page.waitForFunction(() => document.getElementById('err-applied_on').textContent.length > 0);
  const dateErr = await page.textContent('#err-applied_on');
  check(/31\/02\/2022/.test(dateErr), `the date error quotes what was typed: ${dateErr}`);
  eq('true', await page.getAttribute('#f-applied_on', 'aria-invalid'), 'the date is marked invalid');
  eq(TITLE, await page.inputValue('#f-title'), 'the title is kept after the date error');
  await type(page, '#authors input[data-part=name]', 'Nguyễn Thị Bích Ngọc');
  await type(page, '#authors input[data-part=position]', 'Chủ tịch công đoàn cơ sở');
  await page.click('text=+ Thêm tác giả');
  await page.keyboard.type('Phạm Quốc Việt');
  await type(page, '#f-summary', SUMMARY);
  await type(page, '#f-effect', 'Rút ngắn thời gian chờ từ 3 ngày còn 1 ngày.');
  await waitSaved(page);
  // Marked ready with the bad date: refused, the error beside the field, nothing lost.
  await page.click('#ready');
  await page.waitForSelector('#form-error .notice');
  check((await page.textContent('#err-applied_on')).length > 0, 'the date error stands after Ready');
  eq(SUMMARY, await page.inputValue('#f-summary'), 'the summary is kept');
  eq('f-applied_on', await page.evaluate(() => document.activeElement.id), 'the focus goes to the wrong field');
  await screenshot(page, '02-form-wrong-date');
  // The date corrected (d/m/yyyy accepted), the error goes when the field is left.
  await page.fill('#f-applied_on', '5/3/2022');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.getElementById('err-applied_on').textContent === '');
  eq(null, await page.getAttribute('#f-applied_on', 'aria-invalid'), 'the date is valid now');
  const kind = await page.inputValue('#f-kind');
  check(kind !== '', 'a kind was chosen by keyboard');
  await page.click('#ready');
  await page.waitForFunction(() => /^#\/item\/\d+/.test(location.hash));
  await page.waitForSelector('#h-content');
  const body = await page.textContent('main');
  check(body.includes(TITLE), 'the detail page shows the title');
  check(body.includes('05/03/2022'), 'the detail page shows the date dd/mm/yyyy');
  check(body.includes('Nguyễn Thị Bích Ngọc – Chủ tịch công đoàn cơ sở'), 'the detail page shows the author');
  check(body.includes('Chờ gửi'), 'the new initiative waits to be sent');
  await screenshot(page, '03-detail-new');

  // A second one, half typed: left as a draft.
  await page.goto(url.replace(/\/\?k=.*/, '/#/new'));
  await page.waitForSelector('#f-title');
  await page.keyboard.type(DRAFT_TITLE);
  await type(page, '#f-summary', 'Tổ trưởng ghi giao ca trên máy tính bảng.');
  await waitSaved(page);
  check(/^#\/draft\/\d+$/.test(await page.evaluate(() => location.hash)), 'the address names the draft');
}

async function draft(page) {
  await page.waitForSelector('#drafts');
  const link = page.locator('#drafts a', { hasText: DRAFT_TITLE });
  eq(1, await link.count(), 'the draft is listed on Home after the kill');
  await screenshot(page, '04-home-draft');
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#f-title');
  await page.waitForFunction((t) => document.getElementById('f-title').value === t, DRAFT_TITLE);
  eq('Tổ trưởng ghi giao ca trên máy tính bảng.', await page.inputValue('#f-summary'), 'the draft keeps the summary');
  await page.selectOption('#f-kind', 'management');
  await page.selectOption('#f-theme', 'production');
  await type(page, '#f-applied_on', '2022-06-15');
  await type(page, '#authors input[data-part=name]', 'Võ Thành Lộc');
  await type(page, '#f-effect', 'Không còn sót việc khi đổi ca.');
  await page.click('#ready');
  await page.waitForFunction(() => /^#\/item\/\d+/.test(location.hash));
  await page.waitForSelector('#h-content');
  check((await page.textContent('main')).includes('15/06/2022'), 'ISO input shown dd/mm/yyyy');
}

async function sync(page) {
  await page.focus('a[data-nav=sync]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#sync-now');
  await page.click('#sync-now');
  // Live progress: some items of the total and some bytes, while it runs.
  const samples = [];
  let shot = false;
  for (let i = 0; i < 600; i++) {
    const line = await page.textContent('#sync-line');
    if (!samples.includes(line)) samples.push(line);
    const m = /Đồng bộ: (\d+)\/302 mục; đã gửi ([\d,]+) (K?B)/.exec(line);
    if (m && Number(m[1]) > 0 && Number(m[1]) < 302 && !shot) {
      await screenshot(page, '05-sync-running');
      shot = true;
    }
    if (shot) break;
    await page.waitForTimeout(50);
  }
  check(shot, `progress seen while syncing: ${samples.join(' | ')}`);
  check(/Đang đồng bộ/.test(await page.textContent('#sync-now')), 'the button says it is running');
  // The page stays usable: the list opens and searches while the sync runs.
  await page.click('a[data-nav=list]');
  await page.waitForSelector('#items');
  check(await page.isVisible('#sync-flag'), 'the header says a sync is running');
  await page.fill('#q', 'ung dung ma qr');   // without diacritics
  await waitText(page, '#count', /^1 trên 1 sáng kiến$/);
  await screenshot(page, '06-list-during-sync');
  await page.click('a[data-nav=sync]');
  await page.waitForSelector('#sync-summary', { timeout: 120000 });
  const out = await page.textContent('#sync-outcome');
  check(out.includes('Đồng bộ xong'), `the sync finished: ${out}`);
  check(out.includes('Đã gửi: 302 sáng kiến mới'), `the summary names what was sent: ${out}`);
  await screenshot(page, '07-sync-done');
  // The list says each is on the server now.
  await page.goto(url.replace(/\/\?k=.*/, '/#/list?state=submitted'));
  await waitText(page, '#count', /trên 302 sáng kiến/);
}

async function review(page) {
  await page.goto(url.replace(/\/\?k=.*/, '/#/sync'));
  await page.waitForSelector('#sync-now');
  await page.waitForSelector('#sync-now:not([disabled])');
  await page.click('#sync-now');
  await page.waitForSelector('#sync-summary', { timeout: 120000 });
  // Home: the note, and the conflict, each a link.
  await page.click('a[data-nav=home]');
  await page.waitForSelector('#needs');
  const needs = await page.textContent('#needs');
  check(needs.includes('Đề nghị bổ sung số liệu tiết kiệm (số giờ, số hồ sơ) – Ban Tuyên giáo'), `the note on Home: ${needs}`);
  check(needs.includes('Xung đột'), `the conflict on Home: ${needs}`);
  await screenshot(page, '08-home-note-conflict');
  await page.locator('#needs a', { hasText: 'Quy trình giao ca' }).click();
  await page.waitForSelector('#compare');
  const cmp = await page.textContent('#compare');
  check(cmp.includes('Quy trình giao ca bằng sổ điện tử (bản của đơn vị)') && cmp.includes(DRAFT_TITLE),
    'both versions side by side');
  eq(1, await page.locator('#compare tr.diff').count(), 'one field differs');
  await screenshot(page, '09-conflict');
  await page.focus('#keep-mine');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^#\/item\/\d+$/.test(location.hash));
  await page.waitForSelector('#h-content');
  check((await page.textContent('main')).includes('Chờ gửi bản sửa'), 'kept mine: the edit waits to be sent');
  // The one sent back is edited from its page (allowed: the district asked for changes).
  await page.goto(url.replace(/\/\?k=.*/, '/#/list?state=needs_changes'));
  await waitText(page, '#count', /^1 trên 1 sáng kiến$/);
  await page.click('#items a');
  await page.waitForSelector('#notes');
  check((await page.textContent('#notes')).includes('Ban Tuyên giáo'), 'the note on the detail page');
  await page.click('a.button:has-text("Sửa")');
  await page.waitForFunction((t) => document.getElementById('f-title') && document.getElementById('f-title').value === t, TITLE);
  await page.fill('#f-effect', 'Rút ngắn từ 3 ngày còn 1 ngày; 1.250 hồ sơ trong quý II.');
  await page.click('#ready');
  await page.waitForFunction(() => /^#\/item\/\d+/.test(location.hash));
  await waitText(page, 'main', /Chờ gửi bản sửa/);
  await page.goto(url.replace(/\/\?k=.*/, '/#/sync'));
  await page.waitForSelector('#sync-now:not([disabled])');
  await page.click('#sync-now');
  await page.waitForSelector('#sync-summary', { timeout: 120000 });
  check((await page.textContent('#sync-outcome')).includes('2 bản sửa'), 'the kept version and the edit were sent');
  // On a phone: Home and the form read without sideways scrolling.
  for (const [name, hash] of [['10-phone-home', '#/'], ['11-phone-form', '#/new'], ['12-phone-list', '#/list']]) {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url.replace(/\/\?k=.*/, `/${hash}`));
    await page.waitForSelector('h1');
    await page.waitForTimeout(300);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    check(wide <= 390, `${name}: the page is ${wide}px wide on a 390px phone`);
    await screenshot(page, name);
  }
}

run(async () => {
  const s = await open(url);
  try {
    await { entry, draft, sync, review }[phase](s.page);
    eq('', s.page.jsErrors.join('; '), 'errors in the page');
  } catch (e) {
    await screenshot(s.page, `failed-${phase}`).catch(() => {});
    throw e;
  } finally {
    await s.close();
  }
});
