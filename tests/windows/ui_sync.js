// The browser side of test_ui.sh: node ui_sync.js URL COUNT - sync from
// the page of `sangkien ui` (here sangkien.exe under Wine): the button
// starts it, the outcome says it finished and that COUNT new initiatives
// were sent, and the list then shows them on the server.
'use strict';
const { open, screenshot, check, eq, run } = require('../browser/lib/browser.js');

const [url, count] = process.argv.slice(2);

run(async () => {
  const s = await open(url);
  const page = s.page;
  try {
    await page.waitForSelector('h1');
    await page.click('a[data-nav=sync]');
    await page.waitForSelector('#sync-now:not([disabled])');
    await page.click('#sync-now');
    await page.waitForSelector('#sync-summary', { timeout: 120000 });
    const out = await page.textContent('#sync-outcome');
    check(out.includes('Đồng bộ xong'), `the sync finished: ${out}`);
    check(out.includes(`Đã gửi: ${count} sáng kiến mới`), `the summary names what was sent: ${out}`);
    await screenshot(page, 'wine-sync-done');
    await page.goto(url.replace(/\/\?k=.*/, '/#/list?state=submitted'));
    await page.waitForFunction((n) => {
      const el = document.querySelector('#count');
      return el && new RegExp(`trên ${n} sáng kiến`).test(el.textContent);
    }, count, { timeout: 30000 });
    eq('', page.jsErrors.join('; '), 'errors in the page');
  } catch (e) {
    await screenshot(page, 'wine-sync-failed').catch(() => {});
    throw e;
  } finally {
    await s.close();
  }
});
