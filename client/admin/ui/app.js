// sangkien-admin ui: what every page of the district office's console
// shares (client/admin/console.h lists the endpoints).
//
// How a page registers itself: its own file (dashboard.js, units.js,
// audit.js, print.js, review.js...), loaded by index.html after this one,
// calls
//   SK.page(NAME, { title: 'Đơn vị', render: async (view, params) => { ... } });
// NAME is the first part of the address after '#/' ('' for the dashboard,
// 'units' for #/units?unit=Q11-027; 'review' also takes #/review/UUID,
// the rest after the name is params.path).  params is a URLSearchParams of
// the part after '?', with .path added.  render fills view (an empty
// element already in <main>) from the endpoints with SK.api / SK.post and
// builds elements with SK.h (web.js's h); it runs on every visit to the page.  A slow
// request must not draw over a later page: render checks
// SK.still(view) after each await (false once the user went elsewhere).
// A thrown error is shown in words on the page (SK.failure), never a
// blank page.  The nav link is <a data-nav="NAME"> in index.html.
//
// Text from the server is only ever set as text (never as HTML); numbers
// and dates arrive formatted the Vietnamese way from the endpoints.
'use strict';

const SK = (() => {
  const pages = new Map();
  const main = document.getElementById('main');
  let session = null;
  let current = null;

  // h() is web.js's (client/web/assets), loaded before this file.

  // A failed request as an Error whose message a person can read.
  async function answer(r) {
    const body = await r.json().catch(() => ({ error: `Trả lời không đọc được (mã ${r.status}).` }));
    if (!r.ok) throw Object.assign(new Error(body.error || `Lỗi ${r.status}`), { status: r.status, body });
    return body;
  }

  function unreachable() {
    return new Error('Không liên lạc được với chương trình sangkien-admin ui trên máy này: '
      + 'có thể nó đã dừng. Hãy chạy lại lệnh sangkien-admin ui.');
  }

  async function api(path, params) {
    const q = params ? `?${new URLSearchParams(params)}` : '';
    let r;
    try {
      r = await fetch(path + q, { credentials: 'same-origin' });
    } catch (e) {
      throw unreachable();
    }
    return answer(r);
  }

  async function post(path, params) {
    let r;
    try {
      r = await fetch(path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body: params instanceof URLSearchParams ? params : new URLSearchParams(params),
      });
    } catch (e) {
      throw unreachable();
    }
    return answer(r);
  }

  // The error of a request, in words, with what to do about it.
  function failure(e) {
    const msg = e && e.message ? e.message : String(e);
    let hint = null;
    if (e && e.status === 502) {
      hint = 'Kiểm tra mạng và địa chỉ máy chủ (--server, biến SANGKIEN_ADMIN_SERVER hoặc khóa server trong admin.conf), rồi tải lại trang.';
    } else if (e && e.status === 403) {
      hint = 'Thông tin xác thực này không có quyền xem phần này.';
    }
    return h('div', { class: 'notice bad', role: 'alert' },
      h('p', {}, h('strong', {}, 'Không lấy được dữ liệu từ máy chủ. '), msg),
      hint ? h('p', {}, hint) : null);
  }

  function page(name, def) {
    pages.set(name, def);
  }

  function still(view) {
    return view === current && document.body.contains(view);
  }

  function setNav(name) {
    for (const a of document.querySelectorAll('[data-nav]')) {
      if (a.dataset.nav === name) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  }

  async function whoami() {
    if (session) return session;
    session = await api('/api/session');
    const who = document.getElementById('who');
    who.textContent = session.administrator
      ? `${session.label || 'Quản trị'} – toàn hệ thống`
      : `${session.label || 'Người điều hành'} – ${session.scope_name} (${session.scope_code})`;
    document.getElementById('foot').textContent =
      `Máy chủ ${session.server}. Giờ hiển thị: ${session.zone}.`;
    return session;
  }

  async function route() {
    const hash = location.hash.replace(/^#\/?/, '');
    const [path, query] = hash.split('?');
    const parts = path.split('/');
    const name = parts[0] || '';
    const params = new URLSearchParams(query || '');
    params.path = parts.slice(1).join('/');
    const def = pages.get(name);
    const view = h('div', { class: 'view', id: `page-${name || 'dashboard'}` });
    current = view;
    setNav(name);
    main.replaceChildren(view);
    window.scrollTo(0, 0);
    if (!def) {
      document.title = 'Quản lý sáng kiến';
      view.append(h('h1', {}, 'Không có trang này'),
        h('p', {}, 'Trang này chưa có trong phiên bản này. ', h('a', { href: '#/' }, 'Về trang tổng quan')));
      return;
    }
    document.title = `${def.title} – Quản lý sáng kiến`;
    view.append(h('h1', {}, def.title));
    const loading = h('p', { class: 'muted', role: 'status' }, 'Đang lấy dữ liệu từ máy chủ…');
    view.append(loading);
    try {
      const s = await whoami();
      if (!still(view)) return;
      loading.remove();
      await def.render(view, params, s);
    } catch (e) {
      if (!still(view)) return;
      loading.remove();
      view.append(failure(e));
    }
    if (still(view)) main.focus({ preventScroll: true });
  }

  // ---- small shared pieces of pages ----

  // A table: head is a list of [label, 'num'?]; rows a list of cell lists
  // (a cell is text or a Node).
  function table(head, rows, options = {}) {
    return h('div', { class: 'table-wrap' }, h('table', { class: options.class || '' },
      options.caption ? h('caption', {}, options.caption) : null,
      h('thead', {}, h('tr', {}, head.map(([label, cls]) => h('th', { class: cls || null, scope: 'col' }, label)))),
      h('tbody', {}, rows.map((row) => h('tr', { class: row.className || null },
        row.map((cell, i) => h('td', { class: head[i] && head[i][1] ? head[i][1] : null, 'data-label': head[i] ? head[i][0] : null }, cell)))))));
  }

  // Horizontal bars on the axis the server computed (report_axis_end: one
  // bar far ahead is cut, marked, so the others stay readable).
  // bars: [{label, value, target, value2, text}]; chart: {axis, capped}.
  function bars(list, chart, options = {}) {
    const axis = chart.axis > 0 ? chart.axis : 1;
    const pct = (v) => `${Math.min(v / axis, 1) * 100}%`;
    const rows = list.map((b) => {
      const track = h('div', { class: 'track' });
      if (b.target > 0) {
        const t = h('div', { class: 'target' });
        t.style.width = pct(b.target);
        track.append(t);
      }
      const v = h('div', { class: `value ${options.tone || ''}` });
      v.style.width = pct(b.value);
      track.append(v);
      if (b.value2 > 0) {
        const v2 = h('div', { class: 'value2' });
        v2.style.width = pct(b.value2);
        track.append(v2);
      }
      const cut = Math.max(b.value, b.target || 0) > axis;
      if (cut) track.append(h('span', { class: 'cut', title: 'Thanh bị cắt bớt' }, '//'));
      return h('div', { class: 'bar', title: `${b.label}: ${b.text}` },
        h('span', { class: 'bar-label' }, b.label), track,
        h('span', { class: 'bar-text' }, b.text));
    });
    return h('figure', { class: 'bars' },
      options.legend ? h('p', { class: 'legend' }, options.legend.map(([cls, label]) =>
        h('span', {}, h('i', { class: cls }), label))) : null,
      h('div', { class: 'bar-list' }, rows),
      h('figcaption', {}, options.caption || '',
        chart.capped ? ' (thanh dài nhất bị cắt bớt, có dấu //, để các thanh khác dễ đọc; số bên cạnh là số thật)' : ''));
  }

  window.addEventListener('hashchange', route);
  document.addEventListener('DOMContentLoaded', route);

  return { h, api, post, failure, page, still, table, bars, whoami };
})();
