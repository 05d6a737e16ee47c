// sangkien ui: the pages of the union office's interface.  Everything the
// page shows comes from the JSON endpoints of the same server (client/
// sangkien/ui_*.c); dates and numbers arrive formatted the Vietnamese way.
// Text from the store is only ever set as text (never as HTML).
'use strict';

const main = document.getElementById('main');
const FIELDS = ['title', 'kind', 'authors', 'summary', 'effect', 'applied_on', 'theme'];
const LABELS = {
  title: 'Tên sáng kiến', kind: 'Loại sáng kiến', authors: 'Tác giả', summary: 'Tóm tắt nội dung',
  effect: 'Hiệu quả', applied_on: 'Ngày áp dụng', theme: 'Chủ đề',
};

// ---- small helpers ----

// h() is web.js's (client/web/assets), loaded before this file.

async function api(path) {
  const r = await fetch(path, { credentials: 'same-origin' });
  const body = await r.json().catch(() => ({ error: 'Trả lời không đọc được.' }));
  if (!r.ok) throw Object.assign(new Error(body.error || `Lỗi ${r.status}`), { status: r.status, body });
  return body;
}

async function post(path, params) {
  const r = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: params instanceof URLSearchParams ? params : new URLSearchParams(params),
  });
  const body = await r.json().catch(() => ({ error: 'Trả lời không đọc được.' }));
  if (!r.ok) throw Object.assign(new Error(body.error || `Lỗi ${r.status}`), { status: r.status, body });
  return body;
}

// Pages render when their data arrives; only the page of the latest
// navigation may render (an older, slower one is dropped).
let routeSeq = 0;

function show(seq, title, ...content) {
  if (seq !== routeSeq) return;
  document.title = `${title} – Sáng kiến`;
  main.replaceChildren(h('h1', {}, title), ...content);
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

function failure(e) {
  return h('p', { class: 'notice bad', role: 'alert' }, e.message || String(e));
}

function badge(item) {
  const cls = item.needs ? 'needs' : item.key === 'pending' ? 'pending'
    : ['recognized', 'rewarded'].includes(item.key) ? 'good' : '';
  return h('span', { class: `badge ${cls}` }, item.state);
}

function setNav(name) {
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

// ---- the sync flag in the header, on every page ----

let syncTimer = null;
let syncListeners = [];

function watchSync(state) {
  const flag = document.getElementById('sync-flag');
  if (state && state.running) {
    flag.hidden = false;
    flag.textContent = `Đang đồng bộ… ${state.done}${state.total >= 0 ? '/' + state.total : ''} mục`
      + (state.files_total > 0 ? `, tệp ${state.files_done}/${state.files_total}` : '');
    if (!syncTimer) syncTimer = setTimeout(pollSync, 400);
  } else {
    flag.hidden = true;
  }
  for (const fn of syncListeners) fn(state);
}

async function pollSync() {
  syncTimer = null;
  try {
    watchSync(await api('/api/sync'));
  } catch (e) {
    syncTimer = setTimeout(pollSync, 2000);
  }
}

// ---- Home ----

async function pageHome() {
  const seq = routeSeq;
  setNav('home');
  let d;
  try {
    d = await api('/api/home');
  } catch (e) {
    show(seq, 'Trang chính', failure(e));
    return;
  }
  document.getElementById('unit-name').textContent =
    d.unit_code ? `${d.unit_name || ''} (${d.unit_code})` : 'Thiết bị chưa đăng ký';
  document.getElementById('foot').textContent = `Giờ hiển thị: ${d.zone}.`;
  watchSync(d.sync);

  const unit = h('section', { class: 'card', 'aria-labelledby': 'h-unit' },
    h('h2', { id: 'h-unit' }, 'Đơn vị'),
    d.unit_code
      ? h('p', {}, h('strong', {}, d.unit_name || d.unit_code), ` – mã ${d.unit_code}`)
      : h('p', { class: 'notice' }, 'Thiết bị chưa đăng ký với quận. Hãy chạy ',
        h('code', {}, 'sangkien enroll'), ' với mã quận cấp; vẫn có thể nhập sáng kiến trước.'));

  let quota;
  if (d.quota) {
    const q = d.quota;
    quota = h('section', { class: 'card wide', 'aria-labelledby': 'h-quota' },
      h('h2', { id: 'h-quota' }, 'Chỉ tiêu và tiến độ'),
      h('p', { class: 'muted' }, `${q.campaign}, tính từ ${q.counts_from}`),
      h('div', { class: 'figures' },
        h('div', {}, h('span', {}, 'Chỉ tiêu'), h('strong', { class: 'big' }, q.quota_text)),
        h('div', {}, h('span', {}, 'Đã gửi'), h('strong', { class: 'big' }, q.submitted_text)),
        h('div', {}, h('span', {}, 'Được công nhận'), h('strong', { class: 'big' }, q.recognized_text)),
        h('div', {}, h('span', {}, 'Đạt'), h('strong', { class: 'big' }, q.percent_text))),
      q.quota > 0 ? h('progress', { max: q.quota, value: Math.min(q.submitted, q.quota),
        'aria-label': `Đã gửi ${q.submitted_text} trên chỉ tiêu ${q.quota_text}` }) : null,
      q.phases.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'cards' },
        h('caption', { class: 'muted' }, 'Theo giai đoạn'),
        h('thead', {}, h('tr', {}, h('th', {}, 'Giai đoạn'), h('th', {}, 'Thời gian'),
          h('th', { class: 'num' }, 'Chỉ tiêu'), h('th', { class: 'num' }, 'Đã gửi'),
          h('th', { class: 'num' }, 'Đạt'))),
        h('tbody', {}, q.phases.map((p) => h('tr', {},
          h('td', {}, p.name), h('td', { 'data-label': 'Thời gian' }, `${p.starts} – ${p.ends}`),
          h('td', { class: 'num', 'data-label': 'Chỉ tiêu' }, p.target ? p.target_text : '–'),
          h('td', { class: 'num', 'data-label': 'Đã gửi' }, p.submitted_text),
          h('td', { class: 'num', 'data-label': 'Đạt' }, p.target ? p.percent_text : '–')))))) : null,
      h('p', { class: 'muted' }, `Số liệu của máy chủ lúc ${q.as_of}.`));
  } else {
    quota = h('section', { class: 'card', 'aria-labelledby': 'h-quota' },
      h('h2', { id: 'h-quota' }, 'Chỉ tiêu và tiến độ'),
      h('p', {}, 'Chưa có số liệu: hãy đồng bộ một lần khi có mạng.'));
  }

  const ls = d.last_sync;
  const sync = h('section', { class: 'card', 'aria-labelledby': 'h-sync' },
    h('h2', { id: 'h-sync' }, 'Lần đồng bộ gần nhất'),
    ls ? h('p', {}, `${ls.at}: `, h('strong', {}, ls.result),
      `. Đã gửi ${ls.sent}, bị từ chối ${ls.refused}, nhận về ${ls.pulled} thay đổi (${ls.notes} ý kiến mới).`)
      : h('p', {}, 'Chưa đồng bộ lần nào.'),
    h('p', {}, `Chờ gửi: ${d.counts.pending} sáng kiến.`),
    h('a', { class: 'button primary', href: '#/sync' }, 'Đồng bộ'));

  const needs = h('section', { class: 'card', 'aria-labelledby': 'h-needs' },
    h('h2', { id: 'h-needs' }, `Cần xử lý (${d.needs_total})`),
    d.needs.length ? h('ul', { class: 'plain', id: 'needs' }, d.needs.map((n) => h('li', {},
      h('a', { href: n.key === 'conflict' ? `#/conflict/${n.id}` : `#/item/${n.id}` }, n.title),
      ' ', badge({ ...n, needs: true }),
      n.why ? h('div', { class: 'muted' }, n.why) : null)))
      : h('p', {}, 'Không có sáng kiến nào cần xử lý.'),
    d.needs_total > d.needs.length
      ? h('p', {}, h('a', { href: '#/list?state=needs' }, 'Xem tất cả')) : null);

  const drafts = h('section', { class: 'card', 'aria-labelledby': 'h-drafts' },
    h('h2', { id: 'h-drafts' }, `Bản nháp (${d.drafts.length})`),
    d.drafts.length ? h('ul', { class: 'plain', id: 'drafts' }, d.drafts.map((x) => h('li', {},
      h('a', { href: `#/draft/${x.id}` }, x.title || '(chưa có tên)'),
      h('span', { class: 'muted' }, ` – lưu lúc ${x.updated}`))))
      : h('p', {}, 'Không có bản nháp.'),
    h('a', { class: 'button', href: '#/new' }, 'Nhập sáng kiến mới'));

  show(seq, 'Trang chính', h('div', { class: 'grid' }, quota, needs, unit, sync, drafts));
}

// ---- New / edit: the guided form ----

let formChoices = null;

async function choices() {
  if (!formChoices) formChoices = await api('/api/form');
  return formChoices;
}

function fieldBox(name, label, control, hint) {
  return h('div', { class: 'field' },
    h('label', { for: `f-${name}` }, label),
    control,
    hint ? h('p', { class: 'hint', id: `hint-${name}` }, hint) : null,
    h('p', { class: 'err', id: `err-${name}`, 'aria-live': 'polite' }));
}

function described(name, hint) {
  return hint ? `hint-${name} err-${name}` : `err-${name}`;
}

// The form for a new initiative (draftId null), a draft, or an edit of item.
async function pageForm({ draftId, itemId }) {
  const seq = routeSeq;
  setNav(itemId ? '' : 'new');
  let ch, start = { title: '', kind: '', theme: '', applied_on: '', summary: '', effect: '', authors: [] };
  let editOf = itemId || 0;
  try {
    ch = await choices();
    if (draftId) {
      const d = await api(`/api/draft?id=${draftId}`);
      start = d.fields;
      editOf = d.item || 0;
    } else if (itemId) {
      const it = await api(`/api/item?id=${itemId}`);
      if (!it.can_change) {
        show(seq, 'Sửa sáng kiến', h('p', { class: 'notice bad' }, it.locked),
          h('a', { href: `#/item/${itemId}` }, 'Quay lại sáng kiến'));
        return;
      }
      const c = it.content;
      start = { title: c.title, kind: c.kind, theme: c.theme, applied_on: c.applied_on,
        summary: c.summary, effect: c.effect, authors: c.authors };
    }
  } catch (e) {
    show(seq, 'Nhập sáng kiến', failure(e));
    return;
  }
  if (!start.authors.length) start.authors = [{ name: '', position: '' }];

  const title = h('input', { type: 'text', id: 'f-title', name: 'title', autocomplete: 'off',
    'aria-describedby': described('title'), 'aria-required': 'true' });
  title.value = start.title;
  const kind = h('select', { id: 'f-kind', name: 'kind', 'aria-describedby': described('kind'),
    'aria-required': 'true' },
    h('option', { value: '' }, '— Chọn loại —'),
    ch.kinds.map((k) => h('option', { value: k.code }, k.name)));
  kind.value = start.kind;
  const theme = h('select', { id: 'f-theme', name: 'theme', 'aria-describedby': described('theme') },
    h('option', { value: '' }, 'Không ghi chủ đề'),
    ch.themes.map((t) => h('option', { value: t.code }, t.name)));
  theme.value = start.theme;
  const date = h('input', { type: 'text', id: 'f-applied_on', name: 'applied_on', inputmode: 'numeric',
    placeholder: 'ngày/tháng/năm', autocomplete: 'off',
    'aria-describedby': described('applied_on', true), 'aria-required': 'true' });
  date.value = start.applied_on;
  const picker = h('input', { type: 'date', id: 'f-date-pick', 'aria-label': 'Chọn ngày áp dụng trên lịch',
    tabindex: '0' });
  const summary = h('textarea', { id: 'f-summary', name: 'summary', rows: 6,
    'aria-describedby': described('summary'), 'aria-required': 'true' });
  summary.value = start.summary;
  const effect = h('textarea', { id: 'f-effect', name: 'effect', rows: 4,
    'aria-describedby': described('effect'), 'aria-required': 'true' });
  effect.value = start.effect;

  const rows = h('div', { id: 'authors' });
  let rowSeq = 0;
  function authorRow(a) {
    const n = ++rowSeq;
    const name = h('input', { type: 'text', id: `f-author-name-${n}`, 'data-part': 'name', autocomplete: 'off' });
    const pos = h('input', { type: 'text', id: `f-author-position-${n}`, 'data-part': 'position', autocomplete: 'off' });
    name.value = a.name;
    pos.value = a.position;
    const row = h('div', { class: 'author-row' },
      h('div', {}, h('label', { for: name.id }, 'Họ và tên'), name),
      h('div', {}, h('label', { for: pos.id }, 'Chức vụ (nếu có)'), pos),
      h('button', { type: 'button', class: 'danger', onclick: () => {
        if (rows.children.length > 1) { row.remove(); changed(); rows.querySelector('input').focus(); }
        else { name.value = ''; pos.value = ''; changed(); name.focus(); }
      } }, 'Xóa dòng'),
      h('p', { class: 'err', 'aria-live': 'polite' }));
    name.setAttribute('aria-label', 'Họ và tên tác giả');
    rows.append(row);
    return row;
  }
  start.authors.forEach(authorRow);
  const addAuthor = h('button', { type: 'button', onclick: () => {
    authorRow({ name: '', position: '' }).querySelector('input').focus();
  } }, '+ Thêm tác giả');

  const saved = h('p', { class: 'saved', id: 'saved', role: 'status', 'aria-live': 'polite' },
    draftId ? 'Bản nháp đã lưu trên máy.' : 'Những gì nhập được lưu ngay vào máy (bản nháp).');
  const formErr = h('div', { id: 'form-error', 'aria-live': 'assertive' });
  const readyBtn = h('button', { type: 'submit', class: 'primary', id: 'ready' },
    editOf ? 'Lưu bản sửa – sẵn sàng gửi' : 'Hoàn tất – sẵn sàng gửi');
  const dropBtn = h('button', { type: 'button', class: 'danger', id: 'drop' }, 'Xóa bản nháp');

  const form = h('form', { id: 'entry', novalidate: true, autocomplete: 'off' },
    fieldBox('title', LABELS.title, title),
    h('div', { class: 'two' },
      fieldBox('kind', LABELS.kind, kind),
      fieldBox('theme', `${LABELS.theme} (có thể bỏ trống)`, theme)),
    h('div', { class: 'field' },
      h('label', { for: 'f-applied_on' }, LABELS.applied_on),
      h('div', { class: 'date-row' }, date, picker),
      h('p', { class: 'hint', id: 'hint-applied_on' },
        `Gõ ngày/tháng/năm, ví dụ 15/03/2022, hoặc chọn trên lịch. Từ ${ch.first_day} đến hôm nay (${ch.today}).`),
      h('p', { class: 'err', id: 'err-applied_on', 'aria-live': 'polite' })),
    h('fieldset', { id: 'f-authors', 'aria-describedby': 'err-authors' },
      h('legend', {}, 'Tác giả (ít nhất một người)'), rows, addAuthor,
      h('p', { class: 'err', id: 'err-authors', 'aria-live': 'polite' })),
    fieldBox('summary', LABELS.summary, summary),
    fieldBox('effect', LABELS.effect, effect),
    formErr,
    h('div', { class: 'actions' }, readyBtn, dropBtn, saved));

  // What is typed, as the server's form keys.
  function params() {
    const p = new URLSearchParams();
    p.set('title', title.value);
    p.set('kind', kind.value);
    p.set('theme', theme.value);
    p.set('applied_on', date.value);
    p.set('summary', summary.value);
    p.set('effect', effect.value);
    for (const row of rows.children) {
      p.append('author_name', row.querySelector('[data-part=name]').value);
      p.append('author_position', row.querySelector('[data-part=position]').value);
    }
    if (draftId) p.set('draft', draftId);
    if (editOf) p.set('item', editOf);
    return p;
  }

  function setError(field, problem) {
    if (field === 'authors') {
      document.getElementById('err-authors').textContent = '';
      for (const row of rows.children) {
        row.querySelector('.err').textContent = '';
        for (const i of row.querySelectorAll('input')) i.removeAttribute('aria-invalid');
      }
      if (problem && problem.author >= 0 && rows.children[problem.author]) {
        const row = rows.children[problem.author];
        row.querySelector('.err').textContent = problem.message;
        const part = problem.message.includes('chức vụ') ? 'position' : 'name';
        row.querySelector(`[data-part=${part}]`).setAttribute('aria-invalid', 'true');
      } else if (problem) {
        document.getElementById('err-authors').textContent = problem.message;
      }
      return;
    }
    const box = document.getElementById(`err-${field}`);
    const input = document.getElementById(`f-${field}`);
    box.textContent = problem ? problem.message : '';
    if (problem) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  async function check(field) {
    const p = params();
    p.set('field', field);
    try {
      const r = await post('/api/check', p);
      setError(field, r.problems[0]);
    } catch (e) { /* the server is this program: a failure shows on save */ }
  }

  // Saved as typed: at most every 300 ms, and once more after the last key.
  let saveTimer = null, saving = null, again = false;
  async function save() {
    saveTimer = null;
    if (saving) { again = true; return saving; }
    saving = (async () => {
      try {
        const r = await post('/api/draft', params());
        if (!draftId) {
          draftId = r.draft;
          history.replaceState(null, '', `#/draft/${draftId}`);
        }
        saved.textContent = `Đã lưu bản nháp lúc ${r.saved_at}.`;
      } catch (e) {
        saved.textContent = `Chưa lưu được: ${e.message}`;
      }
    })();
    await saving;
    saving = null;
    if (again) { again = false; await save(); }
  }
  function changed() {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 300);
  }
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  for (const [field, el] of [['title', title], ['kind', kind], ['theme', theme],
    ['applied_on', date], ['summary', summary], ['effect', effect]]) {
    el.addEventListener('blur', () => check(field));
  }
  rows.addEventListener('focusout', (ev) => {
    if (!rows.contains(ev.relatedTarget)) check('authors');
  });
  picker.addEventListener('change', () => {
    if (!picker.value) return;
    const [y, m, d] = picker.value.split('-');
    date.value = `${d}/${m}/${y}`;
    changed();
    check('applied_on');
  });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (saveTimer) { clearTimeout(saveTimer); saveTimer = null; }
    await save();
    formErr.replaceChildren();
    readyBtn.disabled = true;
    try {
      const r = await post('/api/ready', params());
      location.hash = `#/item/${r.id}?saved=1`;
    } catch (e) {
      readyBtn.disabled = false;
      const problems = (e.body && e.body.problems) || [];
      for (const f of FIELDS) setError(f, problems.find((p) => p.field === f));
      formErr.replaceChildren(h('div', { class: 'notice bad', role: 'alert' },
        h('p', {}, e.message),
        problems.length ? h('ul', {}, problems.map((p) => h('li', {},
          h('a', { href: `#f-${p.field}`, onclick: (ev2) => {
            ev2.preventDefault();
            const el = p.field === 'authors' ? rows.querySelector('input') : document.getElementById(`f-${p.field}`);
            el.focus();
          } }, LABELS[p.field]), `: ${p.message}`))) : null));
      const first = problems[0];
      if (first) (first.field === 'authors' ? rows.querySelector('input') : document.getElementById(`f-${first.field}`)).focus();
    }
  });
  dropBtn.addEventListener('click', async () => {
    if (!confirm('Xóa bản nháp này? Những gì đã nhập sẽ mất.')) return;
    if (saveTimer) { clearTimeout(saveTimer); saveTimer = null; }
    if (draftId) await post('/api/draft/delete', { draft: draftId }).catch(() => {});
    location.hash = '#/';
  });

  const heading = editOf ? 'Sửa sáng kiến' : 'Nhập sáng kiến';
  show(seq, heading,
    h('p', { class: 'muted' }, editOf
      ? 'Bản sửa được gửi ở lần đồng bộ tiếp theo; quận chỉ nhận khi sáng kiến chưa được xét duyệt.'
      : 'Mỗi ô được kiểm tra khi rời khỏi ô, theo đúng quy định của máy chủ. Sáng kiến chỉ được gửi sau khi bấm “Hoàn tất”.'),
    h('div', { class: 'card' }, form));
  title.focus();
}

// ---- List ----

async function pageList(query) {
  const seq = routeSeq;
  setNav('list');
  const q = new URLSearchParams(query);
  let d;
  try {
    [d] = await Promise.all([api(`/api/items?${q}`), choices()]);
  } catch (e) {
    show(seq, 'Danh sách sáng kiến', failure(e));
    return;
  }
  const search = h('input', { type: 'search', id: 'q', name: 'q', placeholder: 'Tên hoặc số, có dấu hay không dấu' });
  search.value = q.get('q') || '';
  const STATES = [['', 'Mọi trạng thái'], ['needs', 'Cần xử lý'], ['pending', 'Chờ gửi'],
    ['submitted', 'Đã gửi, chờ xem xét'], ['under_review', 'Đang xét duyệt'],
    ['needs_changes', 'Cần bổ sung, sửa'], ['recognized', 'Được công nhận'],
    ['rewarded', 'Được khen thưởng'], ['rejected', 'Không được công nhận'], ['withdrawn', 'Đã rút'],
    ['invalid', 'Không hợp lệ'], ['conflict', 'Xung đột']];
  const state = h('select', { id: 'state', name: 'state' }, STATES.map(([v, t]) => h('option', { value: v }, t)));
  state.value = q.get('state') || '';
  const kind = h('select', { id: 'kind', name: 'kind' }, h('option', { value: '' }, 'Mọi loại'),
    formChoices.kinds.map((k) => h('option', { value: k.code }, k.name)));
  kind.value = q.get('kind') || '';
  const phase = h('select', { id: 'phase', name: 'phase' }, h('option', { value: '' }, 'Mọi giai đoạn'),
    d.phases.map((p) => h('option', { value: p.code }, p.name)));
  phase.value = q.get('phase') || '';

  const filters = h('form', { class: 'filters', role: 'search', onsubmit: (ev) => { ev.preventDefault(); go(); } },
    h('div', {}, h('label', { for: 'q' }, 'Tìm'), search),
    h('div', {}, h('label', { for: 'state' }, 'Trạng thái'), state),
    h('div', {}, h('label', { for: 'kind' }, 'Loại'), kind),
    h('div', {}, h('label', { for: 'phase' }, 'Giai đoạn'), phase));
  function go() {
    const n = new URLSearchParams();
    for (const [k, el] of [['q', search], ['state', state], ['kind', kind], ['phase', phase]]) if (el.value) n.set(k, el.value);
    location.hash = `#/list?${n}`;
  }
  for (const el of [state, kind, phase]) el.addEventListener('change', go);
  let typing = null;
  search.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(go, 400); });

  const body = h('tbody', {});
  function addRows(items) {
    for (const it of items) {
      body.append(h('tr', {},
        h('td', { class: 'num' }, String(it.id)),
        h('td', {}, h('a', { href: `#/item/${it.id}` }, it.title)),
        h('td', { 'data-label': 'Loại' }, it.kind),
        h('td', { 'data-label': 'Ngày áp dụng' }, it.applied_on),
        h('td', { 'data-label': 'Giai đoạn' }, it.phase || '–'),
        h('td', {}, badge(it))));
    }
  }
  addRows(d.items);
  let shown = d.items.length;
  const count = h('p', { id: 'count', role: 'status' });
  const more = h('button', { type: 'button', id: 'more' }, 'Xem thêm');
  function counted() {
    count.textContent = d.total ? `${shown} trên ${d.total} sáng kiến` : 'Không có sáng kiến nào khớp.';
    more.hidden = shown >= d.total;
  }
  more.addEventListener('click', async () => {
    const n = new URLSearchParams(q);
    n.set('offset', shown);
    const next = await api(`/api/items?${n}`);
    addRows(next.items);
    shown += next.items.length;
    counted();
  });
  counted();
  show(seq, 'Danh sách sáng kiến', filters, count,
    h('div', { class: 'table-wrap' }, h('table', { class: 'cards', id: 'items' },
      h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'Số'), h('th', {}, 'Tên sáng kiến'),
        h('th', {}, 'Loại'), h('th', {}, 'Ngày áp dụng'), h('th', {}, 'Giai đoạn'), h('th', {}, 'Trạng thái'))),
      body)),
    h('div', { class: 'actions' }, more));
  if (q.get('q')) { search.focus(); search.setSelectionRange(search.value.length, search.value.length); }
}

// ---- Detail ----

function contentList(c) {
  return h('dl', { class: 'kv' },
    h('dt', {}, LABELS.title), h('dd', {}, c.title),
    h('dt', {}, LABELS.kind), h('dd', {}, c.kind_name),
    h('dt', {}, LABELS.theme), h('dd', {}, c.theme_name),
    h('dt', {}, LABELS.applied_on), h('dd', {}, c.applied_on),
    h('dt', {}, LABELS.authors), h('dd', {}, c.authors.map((a) => `${a.name}${a.position ? ' – ' + a.position : ''}`).join('\n')),
    h('dt', {}, LABELS.summary), h('dd', {}, c.summary),
    h('dt', {}, LABELS.effect), h('dd', {}, c.effect));
}

// ---- the dossier on Detail ----

// POST the raw bytes of one piece of a file.
async function postBytes(path, blob) {
  const r = await fetch(path, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/octet-stream' }, body: blob,
  });
  const body = await r.json().catch(() => ({ error: 'Trả lời không đọc được.' }));
  if (!r.ok) throw Object.assign(new Error(body.error || `Lỗi ${r.status}`), { status: r.status, body });
  return body;
}

// Copy one file into the store, in pieces, its bar following; the store
// judges its type and the limits at the end.
async function sendFile(d, file, label, bar) {
  const { token } = await post('/api/attach/begin', { id: d.id, name: file.name, size: file.size });
  try {
    const piece = d.limits.piece;
    for (let off = 0; off < file.size; off += piece) {
      await postBytes(`/api/attach/part?token=${token}&offset=${off}`, file.slice(off, off + piece));
      bar.value = Math.min(off + piece, file.size);
    }
    return await post('/api/attach/end', { token, label });
  } catch (e) {
    post('/api/attach/cancel', { token }).catch(() => {});
    throw e;
  }
}

function fileRow(d, a) {
  const bar = h('progress', { max: Math.max(a.bytes, 1), value: a.key === 'attached' ? a.bytes : a.uploaded,
    'data-att': a.id, 'aria-label': `Đã gửi lên máy chủ: ${a.name}` });
  const li = h('li', { class: 'file', 'data-key': a.key },
    h('div', {}, h('strong', {}, a.name), ` (${a.type}, ${a.size})`, a.label ? ` – ${a.label}` : ''),
    h('div', { class: 'muted' }, a.state, a.refusal ? `: ${a.refusal}` : ''), bar);
  if (d.can_change && a.key !== 'detach') {
    li.append(h('button', { type: 'button', class: 'danger small', 'aria-label': `Gỡ ${a.name}`,
      onclick: async () => {
        try { await post('/api/detach', { id: d.id, file: a.id }); route(); }
        catch (e) { li.append(failure(e)); }
      } }, 'Gỡ'));
  }
  return li;
}

function dossierSection(d) {
  const list = h('ul', { class: 'plain files', id: 'dossier' }, d.attachments.map((a) => fileRow(d, a)));
  const parts = [h('h2', { id: 'h-dossier' }, 'Hồ sơ (tệp đính kèm)'),
    d.attachments.length ? list : h('p', { id: 'dossier-empty' }, 'Chưa có tệp nào.')];
  if (d.can_change) {
    const input = h('input', { type: 'file', id: 'attach-input', multiple: true });
    const label = h('input', { type: 'text', id: 'attach-label', maxlength: 200 });
    const status = h('ul', { class: 'plain', id: 'attach-status', 'aria-live': 'polite' });
    async function take(files) {
      let ok = true;
      for (const file of files) {
        const bar = h('progress', { max: Math.max(file.size, 1), value: 0, 'aria-label': `Đang chép ${file.name}` });
        const li = h('li', {}, h('div', {}, file.name), bar);
        status.append(li);
        try {
          await sendFile(d, file, label.value, bar);
          li.append(h('div', { class: 'muted' }, 'Đã đính kèm; gửi lên máy chủ ở lần đồng bộ tới.'));
        } catch (e) {
          ok = false;
          li.append(failure(e));
        }
      }
      if (ok) route();
    }
    input.addEventListener('change', () => take([...input.files]));
    const zone = h('div', { class: 'dropzone', id: 'attach-drop' },
      h('p', {}, 'Kéo thả tệp vào khung này,'),
      h('label', { for: 'attach-input' }, 'hoặc chọn tệp trên máy (có thể chọn nhiều tệp):'), input);
    zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('over');
      take([...e.dataTransfer.files]);
    });
    parts.push(h('div', { class: 'field' }, h('label', { for: 'attach-label' }, 'Nhãn cho tệp (có thể bỏ trống), ví dụ “Quyết định công nhận”'), label),
      zone,
      h('p', { class: 'muted' }, `Nhận ${d.limits.types} (xét theo nội dung tệp). Mỗi tệp tối đa ${d.limits.max_file_text}, cả hồ sơ tối đa ${d.limits.max_dossier_text}.`),
      status);
  }
  // While a sync runs, the bar of the file on its way moves.
  function follow(s) {
    if (!document.body.contains(list)) {
      syncListeners = syncListeners.filter((f) => f !== follow);
      return;
    }
    if (s && s.running && s.file_current) {
      const bar = list.querySelector(`progress[data-att="${s.file_current}"]`);
      if (bar) bar.value = s.file_current_held;
    }
  }
  syncListeners.push(follow);
  return h('section', { class: 'card', 'aria-labelledby': 'h-dossier' }, parts);
}

async function pageItem(id, query) {
  const seq = routeSeq;
  setNav('list');
  let d;
  try {
    d = await api(`/api/item?id=${id}`);
  } catch (e) {
    show(seq, 'Sáng kiến', failure(e));
    return;
  }
  const justSaved = new URLSearchParams(query).get('saved');
  const sections = [];
  if (justSaved) sections.push(h('p', { class: 'notice good', role: 'status' },
    'Đã lưu. Sáng kiến sẽ được gửi ở lần đồng bộ tiếp theo.'));
  sections.push(h('p', {}, 'Trạng thái: ', badge({ ...d, needs: ['invalid', 'conflict', 'forbidden', 'needs_changes'].includes(d.key) }),
    d.refusal ? h('span', {}, ` – ${d.refusal}`) : null));
  if (d.key === 'conflict') sections.push(h('p', { class: 'notice bad' },
    'Quận đã thay đổi sáng kiến này trong khi đơn vị sửa. ',
    h('a', { href: `#/conflict/${d.id}` }, 'So sánh hai bản và chọn')));
  sections.push(h('section', { class: 'card', 'aria-labelledby': 'h-content' },
    h('h2', { id: 'h-content' }, 'Nội dung'), contentList(d.content)));
  sections.push(dossierSection(d));

  if (d.server) {
    const s = d.server;
    sections.push(h('section', { class: 'card', 'aria-labelledby': 'h-review' },
      h('h2', { id: 'h-review' }, 'Xét duyệt của quận'),
      h('dl', { class: 'kv' },
        h('dt', {}, 'Trạng thái'), h('dd', {}, s.status),
        s.updated ? [h('dt', {}, 'Cập nhật'), h('dd', {}, s.updated)] : null,
        s.recognition ? [h('dt', {}, 'Công nhận'), h('dd', {}, `Quyết định số ${s.recognition.decision} ngày ${s.recognition.date}, ${s.recognition.by}`)] : null,
        s.reward ? [h('dt', {}, s.reward.kind), h('dd', {}, `Cấp ${s.reward.level}, quyết định số ${s.reward.decision} ngày ${s.reward.date}${s.reward.amount ? ', ' + s.reward.amount + ' đồng' : ''}`)] : null),
      h('h3', {}, 'Ý kiến của quận'),
      // The server sends only the newest notes that fit in a frame.
      s.notes_omitted ? h('p', { class: 'muted', id: 'notes-omitted' }, `(${s.notes_omitted_text})`) : null,
      s.notes.length ? h('ul', { class: 'plain', id: 'notes' }, s.notes.map((n) => h('li', {},
        h('div', { class: 'muted' }, `${n.at} – ${n.author} (${n.status})`), h('div', {}, n.text))))
        : s.notes_omitted ? null : h('p', {}, 'Chưa có ý kiến.')));
  }
  sections.push(h('section', { class: 'card', 'aria-labelledby': 'h-receipt' },
    h('h2', { id: 'h-receipt' }, 'Biên nhận của máy chủ'),
    d.receipt ? h('dl', { class: 'kv' },
      h('dt', {}, 'Số hồ sơ'), h('dd', {}, String(d.receipt.record_id)),
      h('dt', {}, 'Phiên bản'), h('dd', {}, String(d.receipt.version)),
      h('dt', {}, 'Nhận lúc'), h('dd', {}, d.receipt.received),
      h('dt', {}, 'Mã kiểm tra (SHA-256)'), h('dd', { class: 'mono' }, d.receipt.sha256))
      : h('p', {}, 'Chưa có: máy chủ chưa nhận sáng kiến này.')));

  const actions = h('div', { class: 'actions' });
  if (d.can_change) {
    actions.append(h('a', { class: 'button', href: `#/edit/${d.id}` }, 'Sửa'));
    const reason = h('textarea', { id: 'withdraw-reason', rows: 2 });
    const box = h('div', { class: 'field', hidden: true },
      h('label', { for: 'withdraw-reason' }, 'Lý do rút (có thể bỏ trống)'), reason,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'danger', onclick: async () => {
          try {
            await post('/api/withdraw', { id: d.id, reason: reason.value });
            route();
          } catch (e) { box.append(failure(e)); }
        } }, 'Xác nhận rút')));
    actions.append(h('button', { type: 'button', class: 'danger', onclick: () => { box.hidden = false; reason.focus(); } },
      'Rút sáng kiến'), box);
  } else if (d.locked) {
    actions.append(h('p', { class: 'muted' }, `Không sửa, rút được: ${d.locked}`));
  }
  sections.push(h('section', { class: 'card', 'aria-labelledby': 'h-actions' },
    h('h2', { id: 'h-actions' }, 'Thao tác'), actions));
  sections.push(h('section', { class: 'card', 'aria-labelledby': 'h-history' },
    h('h2', { id: 'h-history' }, 'Lịch sử'),
    h('ul', { class: 'plain' }, d.history.map((e) => h('li', {},
      h('span', { class: 'muted' }, `${e.at}: `), e.event, e.detail ? ` – ${e.detail}` : '')))));
  show(seq, d.content.title, h('div', { class: 'stack' }, sections));
}

// ---- Conflict ----

async function pageConflict(id) {
  const seq = routeSeq;
  setNav('list');
  let d;
  try {
    d = await api(`/api/item?id=${id}`);
  } catch (e) {
    show(seq, 'Xung đột', failure(e));
    return;
  }
  if (d.key !== 'conflict' || !d.server_content) {
    show(seq, 'Xung đột', h('p', { class: 'notice' }, 'Sáng kiến này không còn xung đột.'),
      h('a', { href: `#/item/${id}` }, 'Xem sáng kiến'));
    return;
  }
  const mine = d.content, theirs = d.server_content;
  const authors = (c) => c.authors.map((a) => `${a.name}${a.position ? ' – ' + a.position : ''}`).join('\n');
  const rows = [['title', mine.title, theirs.title], ['kind', mine.kind_name, theirs.kind_name],
    ['theme', mine.theme_name, theirs.theme_name], ['applied_on', mine.applied_on, theirs.applied_on],
    ['authors', authors(mine), authors(theirs)], ['summary', mine.summary, theirs.summary],
    ['effect', mine.effect, theirs.effect]];
  const msg = h('div', { 'aria-live': 'assertive' });
  async function choose(keep) {
    try {
      await post('/api/resolve', { id, keep });
      location.hash = `#/item/${id}`;
    } catch (e) { msg.replaceChildren(failure(e)); }
  }
  show(seq, `Xung đột: ${mine.title}`,
    h('p', {}, 'Quận đã thay đổi sáng kiến này trong khi đơn vị sửa. Các dòng đánh dấu ≠ là chỗ khác nhau. Hãy chọn giữ bản nào.'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'compare cards', id: 'compare' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Trường'), h('th', {}, 'Bản của đơn vị (trên máy này)'),
        h('th', {}, `Bản của quận (phiên bản ${d.server ? d.server.version : ''})`))),
      h('tbody', {}, rows.map(([f, a, b]) => h('tr', { class: a === b ? '' : 'diff' },
        h('td', { class: 'fname' }, LABELS[f]),
        h('td', { 'data-label': 'Đơn vị' }, a), h('td', { 'data-label': 'Quận' }, b)))))),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', id: 'keep-mine', onclick: () => choose('mine') },
        'Giữ bản của đơn vị (gửi lại ở lần đồng bộ sau)'),
      h('button', { type: 'button', id: 'take-server', onclick: () => choose('server') },
        'Lấy bản của quận (bỏ thay đổi trên máy)')),
    msg);
}

// ---- Sync ----

async function pageSync() {
  const seq = routeSeq;
  setNav('sync');
  const button = h('button', { type: 'button', class: 'primary', id: 'sync-now' }, 'Đồng bộ ngay');
  const bar = h('progress', { id: 'sync-progress', max: 1, value: 0, 'aria-label': 'Tiến độ đồng bộ' });
  const line = h('p', { id: 'sync-line', role: 'status', 'aria-live': 'polite' });
  const outcome = h('div', { id: 'sync-outcome' });
  let wasRunning = false;
  // A run started here makes any older outcome still on its way stale.
  let generation = 0, starting = false;

  async function finished(s) {
    const gen = generation;
    const parts = [];
    if (s.rc === 0 || s.rc === 3) {
      parts.push(h('p', { class: `notice ${s.rc === 0 ? 'good' : 'bad'}` },
        s.rc === 0 ? 'Đồng bộ xong.' : 'Đồng bộ xong, nhưng có sáng kiến cần xử lý.'));
    } else if (s.rc > 0) {
      parts.push(h('p', { class: 'notice bad', role: 'alert' }, `Đồng bộ không xong: ${s.message}`,
        ' Những gì chưa gửi vẫn được giữ trên máy; hãy thử lại sau.'));
    }
    if (s.rc >= 0) {
      parts.push(h('ul', { id: 'sync-summary' },
        h('li', {}, `Đã gửi: ${s.accepted} sáng kiến mới${s.duplicate ? ` (${s.duplicate} đã có trên máy chủ)` : ''}, ${s.edited} bản sửa, ${s.withdrawn} yêu cầu rút.`),
        h('li', {}, `Nhận về: ${s.pulled} sáng kiến có thay đổi, ${s.notes} ý kiến mới của quận.`),
        h('li', {}, `Bị từ chối: ${s.refused}; xung đột: ${s.conflicts}.`),
        s.remaining >= 0 ? h('li', {}, `Còn chờ gửi: ${s.remaining}.`) : null));
      try {
        const home = await api('/api/home');
        if (home.needs.length) {
          parts.push(h('h2', {}, 'Cần xử lý'), h('ul', { class: 'plain', id: 'sync-needs' }, home.needs.map((n) => h('li', {},
            h('a', { href: n.key === 'conflict' ? `#/conflict/${n.id}` : `#/item/${n.id}` }, n.title), ' ',
            badge({ ...n, needs: true }), n.why ? h('div', { class: 'muted' }, n.why) : null))));
        }
      } catch (e) { /* the summary above stands */ }
    }
    if (gen === generation) outcome.replaceChildren(...parts);
  }

  function update(s) {
    if (!document.body.contains(button)) {
      syncListeners = syncListeners.filter((f) => f !== update);
      return;
    }
    if (starting) return;
    button.disabled = s.running;
    button.textContent = s.running ? 'Đang đồng bộ…' : 'Đồng bộ ngay';
    if (s.total > 0) { bar.max = s.total; bar.value = Math.min(s.done, s.total); }
    else { bar.max = 1; bar.value = s.running ? 0 : (s.rc === 0 ? 1 : 0); }
    line.textContent = s.running || s.rc >= 0 ? `${s.line}${s.attempt > 1 && s.running ? ` (lần thử ${s.attempt})` : ''}` : 'Chưa đồng bộ trong lần mở này.';
    if (wasRunning && !s.running) finished(s);
    if (!s.running && !wasRunning && s.rc >= 0 && !outcome.childNodes.length) finished(s);
    wasRunning = s.running;
  }
  button.addEventListener('click', async () => {
    button.disabled = true;
    generation++;
    starting = true;
    wasRunning = false;
    outcome.replaceChildren();
    try {
      await post('/api/sync', {});
    } catch (e) {
      outcome.replaceChildren(failure(e));
    }
    starting = false;
    pollSync();
  });
  syncListeners.push(update);
  show(seq, 'Đồng bộ với máy chủ',
    h('p', {}, 'Gửi các sáng kiến mới, bản sửa và yêu cầu rút; nhận về kết quả xét duyệt, ý kiến của quận và chỉ tiêu. Trong khi đồng bộ vẫn dùng được các trang khác.'),
    h('div', { class: 'card' }, h('div', { class: 'actions' }, button), bar, line, outcome));
  pollSync();
}

// ---- routing ----

function route() {
  routeSeq++;
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  const parts = path.split('/').filter(Boolean);
  const id = parts[1] && /^\d+$/.test(parts[1]) ? Number(parts[1]) : null;
  switch (parts[0]) {
    case undefined: return pageHome();
    case 'new': return pageForm({});
    case 'draft': return id ? pageForm({ draftId: id }) : pageForm({});
    case 'edit': return id ? pageForm({ itemId: id }) : pageHome();
    case 'list': return pageList(query || '');
    case 'item': return id ? pageItem(id, query || '') : pageList('');
    case 'conflict': return id ? pageConflict(id) : pageHome();
    case 'sync': return pageSync();
    default: return pageHome();
  }
}

window.addEventListener('hashchange', route);
(async () => {
  try {
    const d = await api('/api/home');
    document.getElementById('unit-name').textContent =
      d.unit_code ? `${d.unit_name || ''} (${d.unit_code})` : 'Thiết bị chưa đăng ký';
    document.getElementById('foot').textContent = `Giờ hiển thị: ${d.zone}.`;
    watchSync(d.sync);
  } catch (e) { /* the page itself says it */ }
  route();
})();
