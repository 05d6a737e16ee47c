// Xét duyệt: the review queue (#/review?status=...&unit=...), one
// initiative read in full beside its similar ones (#/review/UUID), and
// decisions on one or many (client/admin/ui_review*.c).
//
// Which decisions an initiative is offered is never decided here: every
// row comes with "actions", the codes its status allows in the one table
// the server applies (proto/review_flow.c); a bulk choice offers what all
// the selected rows allow.  The server checks again and may refuse some.
'use strict';

(() => {
  const { h } = SK;
  let choices = null;

  async function getChoices() {
    if (!choices) choices = await SK.api('/api/review/choices');
    return choices;
  }

  const cap = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);
  const actionOf = (code) => choices.actions.find((a) => a.code === code);
  const phaseName = (code) => {
    const p = code && choices.phases.find((x) => x.code === code);
    return p ? `${p.text} (${p.starts} – ${p.ends})` : code || '–';
  };

  function statusBadge(item) {
    const cls = ['recognized', 'rewarded'].includes(item.status) ? 'good'
      : ['needs_changes', 'rejected'].includes(item.status) ? 'warn' : '';
    return h('span', { class: `badge ${cls}` }, item.status_text);
  }

  // A decision date's default: today in the office's zone as the program
  // sees it (ui_session.c), never the browser's clock, whose zone may be
  // wrong; asked each time a form opens, and left alone once typed in.
  function officeToday(field) {
    const input = field.querySelector('input');
    SK.api('/api/today').then((d) => { if (!input.value) input.value = d.today; }, () => {});
    return field;
  }

  // ---- the decision form (one initiative or many) ----

  // The fields a decision takes, named as the endpoint (and review apply's
  // columns) name them.
  function decisionFields(code) {
    const text = (name, label, attrs = {}) => h('div', { class: 'field' },
      h('label', { for: `d-${name}` }, label),
      h('input', { id: `d-${name}`, name, type: 'text', ...attrs }),
      h('span', { class: 'field-error', id: `e-${name}`, role: 'alert' }));
    const note = (label) => h('div', { class: 'field wide-field' },
      h('label', { for: 'd-ghi_chu' }, label),
      h('textarea', { id: 'd-ghi_chu', name: 'ghi_chu', rows: 4, required: true }),
      h('span', { class: 'field-error', id: 'e-ghi_chu', role: 'alert' }));
    switch (code) {
      case 'request_changes':
        return [note('Nội dung cần bổ sung, sửa (gửi về đơn vị)')];
      case 'reject':
        return [note('Lý do không công nhận (gửi về đơn vị)')];
      case 'note':
        return [note('Ghi chú (gửi về đơn vị cùng các ý kiến xét duyệt)')];
      case 'recognize':
        return [text('so_quyet_dinh', 'Số quyết định', { placeholder: 'ví dụ 12/QĐ-LĐLĐ', required: true }),
          officeToday(text('ngay_quyet_dinh', 'Ngày quyết định (dd/mm/yyyy)', { inputmode: 'numeric', required: true })),
          text('nguoi_cong_nhan', 'Người ký', { placeholder: 'ví dụ Chủ tịch LĐLĐ quận', required: true })];
      case 'reward':
        return [h('fieldset', { class: 'field' }, h('legend', {}, 'Hình thức'),
          h('label', {}, h('input', { type: 'radio', name: 'hinh_thuc', value: 'reward', checked: true }), ' Khen thưởng'),
          h('label', {}, h('input', { type: 'radio', name: 'hinh_thuc', value: 'commendation' }), ' Biểu dương'),
          h('span', { class: 'field-error', id: 'e-hinh_thuc', role: 'alert' })),
        text('cap_khen', 'Cấp khen', { placeholder: 'ví dụ Quận', required: true }),
        text('so_quyet_dinh', 'Số quyết định', { required: true }),
        officeToday(text('ngay_quyet_dinh', 'Ngày quyết định (dd/mm/yyyy)', { inputmode: 'numeric', required: true })),
        text('so_tien', 'Số tiền (đồng, nếu có)', { inputmode: 'numeric' })];
      default:
        return [];
    }
  }

  // A form deciding code for uuids; onDone(reply) after the server answered.
  function decisionForm(code, uuids, onDone, what) {
    const a = actionOf(code);
    const error = h('div', { class: 'form-error', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'primary', id: 'd-submit' },
      uuids.length > 1 ? `${cap(a.text)} ${uuids.length} sáng kiến` : cap(a.text));
    const form = h('form', { class: 'decision', id: 'decision-form', 'data-op': code, novalidate: true },
      h('h3', {}, `${cap(a.text)}${what ? ` – ${what}` : ''}`),
      h('div', { class: 'fields' }, decisionFields(code)),
      error,
      h('div', { class: 'buttons' }, submit,
        h('button', { type: 'button', onclick: () => form.remove() }, 'Thôi')));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const body = new URLSearchParams(new FormData(form));
      body.set('op', code);
      for (const u of uuids) body.append('uuid', u);
      for (const e of form.querySelectorAll('.field-error')) e.textContent = '';
      for (const e of form.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
      error.replaceChildren();
      submit.disabled = true;
      submit.textContent = 'Đang gửi…';
      try {
        onDone(await SK.post('/api/review/decide', body));
      } catch (e) {
        submit.disabled = false;
        submit.textContent = uuids.length > 1 ? `${cap(a.text)} ${uuids.length} sáng kiến` : cap(a.text);
        const problems = (e.body && e.body.problems) || [];
        let first = null;
        for (const p of problems) {
          const slot = form.querySelector(`#e-${p.field}`);
          const input = form.querySelector(`#d-${p.field}`);
          if (slot) slot.textContent = p.message;
          if (input) { input.setAttribute('aria-invalid', 'true'); first = first || input; }
        }
        // An incomplete decision is the form's to say; anything else the server's.
        error.append(problems.length
          ? h('p', { class: 'notice bad' }, e.message)
          : SK.failure(e));
        if (first) first.focus();
      }
    });
    setTimeout(() => {
      const f = form.querySelector('input[type=text], textarea');
      (f || submit).focus();
    }, 0);
    return form;
  }

  // Why the server refused one item: the words of its result code, the
  // field it names, the status now, and what it said besides (filtered).
  function refusal(x) {
    return h('span', {}, `Bị từ chối: ${x.text}`,
      x.field_text ? ` (${x.field_text})` : '',
      x.status_text ? ` (hiện: ${x.status_text})` : '',
      x.detail ? h('span', { class: 'detail muted' }, ` – máy chủ: ${x.detail}`) : '');
  }

  // Per-item results of a decision: which were done, which refused and why.
  function resultsTable(reply, titles) {
    return h('section', { class: 'card results', id: 'results', 'aria-labelledby': 'h-results' },
      h('h2', { id: 'h-results' }, `Kết quả: ${reply.done} xong, ${reply.refused} bị từ chối`
        + (reply.unsent ? `, ${reply.unsent} chưa gửi` : '')),
      reply.error ? h('p', { class: 'notice bad' }, reply.error) : null,
      SK.table([['Sáng kiến'], ['Kết quả']], reply.results.map((x) => {
        const row = [titles.get(x.uuid) || x.uuid,
          h('span', { class: x.ok ? 'ok' : 'refused' }, x.ok ? 'Xong' : refusal(x))];
        row.className = x.ok ? 'done' : 'refused';
        return row;
      })));
  }

  // ---- the queue ----

  function filterForm(c, params) {
    const sel = (name, label, options, value) => h('div', { class: 'field' },
      h('label', { for: `f-${name}` }, label),
      h('select', { id: `f-${name}`, name }, options.map(([v, t]) =>
        h('option', { value: v, selected: v === value }, t))));
    const date = (name, label) => h('div', { class: 'field' },
      h('label', { for: `f-${name}` }, label),
      h('input', { id: `f-${name}`, name, type: 'text', size: 10, placeholder: 'dd/mm/yyyy', value: params.get(name) || '' }));
    const unit = c.units
      ? sel('unit', 'Đơn vị', [['', 'Tất cả đơn vị'], ...c.units.map((u) => [u.code, `${u.text} (${u.code})`])], params.get('unit') || '')
      : h('div', { class: 'field' }, h('label', { for: 'f-unit' }, 'Mã đơn vị'),
        h('input', { id: 'f-unit', name: 'unit', type: 'text', value: params.get('unit') || '' }));
    const form = h('form', { class: 'filters', id: 'filters' },
      sel('status', 'Trạng thái', [['queue', 'Chờ xét duyệt (đã gửi, đang xét)'], ['all', 'Mọi trạng thái'],
        ...c.statuses.map((s) => [s.code, s.text])], params.get('status') || 'queue'),
      unit,
      sel('kind', 'Loại', [['', 'Mọi loại'], ...c.kinds.map((k) => [k.code, k.text])], params.get('kind') || ''),
      c.phases.length ? sel('phase', 'Giai đoạn', [['', 'Mọi giai đoạn'],
        ...c.phases.map((p) => [p.code, `${p.text} (${p.starts} – ${p.ends})`])], params.get('phase') || '') : null,
      date('from', 'Nhận từ ngày'), date('to', 'đến ngày'),
      h('button', { type: 'submit', class: 'primary' }, 'Lọc'));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const q = new URLSearchParams();
      for (const [k, v] of new FormData(form)) if (v) q.set(k, v);
      location.hash = `#/review?${q}`;
    });
    return form;
  }

  async function queuePage(view, params) {
    const c = await getChoices();
    if (!SK.still(view)) return;
    const query = {};
    for (const k of ['status', 'unit', 'kind', 'phase', 'from', 'to']) if (params.get(k)) query[k] = params.get(k);
    const rows = new Map(); // uuid -> item
    const selected = new Set();
    const tbody = h('tbody', { id: 'queue-rows' });
    const count = h('p', { class: 'muted', id: 'queue-count', role: 'status' });
    const more = h('button', { type: 'button', id: 'queue-more', hidden: true }, 'Xem thêm');
    const bulk = h('section', { class: 'card bulk', id: 'bulk', 'aria-labelledby': 'h-bulk', hidden: true });
    const results = h('div', { id: 'bulk-results' });
    const all = h('input', { type: 'checkbox', id: 'select-all', 'aria-label': 'Chọn cả trang' });
    let next = null;

    function drawBulk() {
      bulk.hidden = selected.size === 0;
      if (bulk.hidden) { bulk.replaceChildren(); return; }
      // What every selected row allows (each row's list is the server's).
      const items = [...selected].map((u) => rows.get(u));
      const common = c.actions.filter((a) => items.every((i) => i.actions.includes(a.code)));
      const slot = h('div', {});
      bulk.replaceChildren(h('h2', { id: 'h-bulk' }, `Đã chọn ${selected.size} sáng kiến`),
        common.length
          ? h('div', { class: 'buttons', id: 'bulk-actions' }, common.map((a) => h('button', {
            type: 'button', 'data-op': a.code,
            // In the page's order, so the results read as the list does.
            onclick: () => slot.replaceChildren(decisionForm(a.code, [...rows.keys()].filter((u) => selected.has(u)), (reply) => {
              const titles = new Map(items.map((i) => [i.uuid, i.title]));
              results.replaceChildren(resultsTable(reply, titles));
              load(true);
            })),
          }, cap(a.text))))
          : h('p', {}, 'Các sáng kiến đã chọn ở trạng thái khác nhau, không có quyết định chung. Hãy chọn những sáng kiến cùng trạng thái.'),
        slot);
    }

    function row(it) {
      rows.set(it.uuid, it);
      const box = h('input', { type: 'checkbox', 'data-uuid': it.uuid, 'aria-label': `Chọn: ${it.title}`,
        checked: selected.has(it.uuid) });
      box.addEventListener('change', () => {
        if (box.checked) selected.add(it.uuid); else selected.delete(it.uuid);
        drawBulk();
      });
      return h('tr', { 'data-uuid': it.uuid },
        h('td', {}, box),
        h('td', { 'data-label': 'Tên sáng kiến' }, h('a', { href: `#/review/${it.uuid}` }, it.title)),
        h('td', { 'data-label': 'Đơn vị' }, it.unit_name, h('div', { class: 'muted' }, it.unit_code)),
        h('td', { 'data-label': 'Loại' }, it.kind_text),
        h('td', { 'data-label': 'Trạng thái' }, statusBadge(it)),
        h('td', { 'data-label': 'Ngày áp dụng', class: 'num' }, it.applied_on || '–'),
        h('td', { 'data-label': 'Nhận lúc', class: 'num' }, it.received || '–'));
    }

    async function load(fresh) {
      if (fresh) { tbody.replaceChildren(); rows.clear(); selected.clear(); next = null; drawBulk(); all.checked = false; }
      more.disabled = true;
      const d = await SK.api('/api/review/queue', next ? { ...query, after: next } : query);
      if (!SK.still(view)) return;
      for (const it of d.items) tbody.append(row(it));
      next = d.next;
      more.hidden = next === null;
      more.disabled = false;
      listing.hidden = rows.size === 0;
      count.textContent = rows.size
        ? `${rows.size} sáng kiến${next !== null ? ' (còn nữa: bấm “Xem thêm”)' : ''}.`
        : 'Không có sáng kiến nào khớp bộ lọc.';
    }

    all.addEventListener('change', () => {
      for (const b of tbody.querySelectorAll('input[type=checkbox]')) {
        b.checked = all.checked;
        if (all.checked) selected.add(b.dataset.uuid); else selected.delete(b.dataset.uuid);
      }
      drawBulk();
    });
    more.addEventListener('click', () => load(false).catch((e) => view.append(SK.failure(e))));

    const listing = h('div', { class: 'table-wrap' }, h('table', { class: 'queue' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, all), h('th', { scope: 'col' }, 'Tên sáng kiến'),
          h('th', { scope: 'col' }, 'Đơn vị'), h('th', { scope: 'col' }, 'Loại'), h('th', { scope: 'col' }, 'Trạng thái'),
          h('th', { scope: 'col', class: 'num' }, 'Ngày áp dụng'), h('th', { scope: 'col', class: 'num' }, 'Nhận lúc'))),
        tbody));
    view.append(filterForm(c, params), results, bulk, count, listing, h('p', {}, more));
    await load(true);
  }

  // ---- one initiative ----

  function paragraphs(text) {
    return (text || '').split('\n').map((l) => h('p', {}, l));
  }

  function similarPanel(d) {
    return h('section', { class: 'card similar', id: 'similar', 'aria-labelledby': 'h-similar' },
      h('h2', { id: 'h-similar' }, `Sáng kiến tương tự (${d.similar.length})`),
      h('p', { class: 'muted' }, 'So sánh tên sáng kiến, không phân biệt dấu và chữ hoa, trong phạm vi của bạn; '
        + 'gồm cả những sáng kiến vừa gửi mà máy chủ chưa kịp đưa vào chỉ mục tìm kiếm.'),
      d.similar.length
        ? h('ol', { class: 'plain similar-list' }, d.similar.map((s) => h('li', { 'data-uuid': s.uuid },
          h('div', { class: 'sim-head' },
            h('span', { class: 'score', title: 'Mức giống nhau của tên' }, `${s.percent}%`),
            h('a', { href: `#/review/${s.uuid}` }, s.title)),
          h('meter', { min: 0, max: 100, value: s.percent, 'aria-label': `Giống ${s.percent}%` }),
          h('div', { class: 'muted' }, `${s.unit_name} (${s.unit_code}) · `, statusBadge(s), ` · nhận ${s.received || '–'}`),
          s.words.length ? h('p', { class: 'words' }, 'Chung: ', s.words.map((w) => h('mark', {}, w))) : null,
          s.summary ? h('details', {}, h('summary', {}, 'Tóm tắt'), paragraphs(s.summary)) : null)))
        : h('p', { id: 'no-similar' }, 'Không có sáng kiến nào có tên giống trong phạm vi của bạn.'));
  }

  async function itemPage(view, uuid) {
    const back = h('p', {}, h('a', { href: '#/review' }, '← Hàng chờ xét duyệt'));
    let d;
    try {
      [, d] = await Promise.all([getChoices(), SK.api('/api/review/item', { uuid })]);
    } catch (e) {
      if (SK.still(view)) view.append(SK.failure(e), back);
      return;
    }
    if (!SK.still(view)) return;
    const it = d.item;
    document.title = `${it.title} – Xét duyệt`;
    view.querySelector('h1').textContent = it.title;

    const facts = h('dl', { class: 'facts' },
      [['Đơn vị', `${it.unit_name} (${it.unit_code})`], ['Trạng thái', statusBadge(it)], ['Loại', it.kind_text],
        ['Chủ đề', it.theme_text || '–'], ['Ngày áp dụng', it.applied_on || '–'], ['Giai đoạn', phaseName(it.phase)],
        ['Nhận lúc', it.received || '–'], ['Cập nhật lúc', it.updated || '–'], ['Mã', h('code', {}, it.uuid)]]
        .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    const content = h('section', { class: 'card', id: 'content', 'aria-labelledby': 'h-content' },
      h('h2', { id: 'h-content' }, 'Nội dung'),
      facts,
      h('h3', {}, 'Tác giả'),
      h('ol', { id: 'authors' }, it.authors.map((a) => h('li', {}, a.name, a.position ? ` – ${a.position}` : ''))),
      h('h3', {}, 'Tóm tắt'), h('div', { class: 'text', id: 'summary' }, paragraphs(it.summary)),
      h('h3', {}, 'Hiệu quả'), h('div', { class: 'text', id: 'effect' }, paragraphs(it.effect)),
      it.recognition ? h('p', { class: 'notice good', id: 'recognition' },
        `Được công nhận: quyết định số ${it.recognition.decision_number} ngày ${it.recognition.decision_date}, ${it.recognition.recognized_by}.`) : null,
      it.reward ? h('p', { class: 'notice good', id: 'reward' },
        `${it.reward.kind_text} cấp ${it.reward.level}: quyết định số ${it.reward.decision_number} ngày ${it.reward.decision_date}`
        + (it.reward.amount_vnd ? `, ${it.reward.amount_vnd.toLocaleString('vi-VN')} đồng.` : '.')) : null);

    // The dossier: each file saved by the browser's own download, streamed
    // by the program as it comes from the server, whatever its size.  The
    // program checks the SHA-256 and, on a wrong one, cuts the download
    // so the browser keeps no file; the page learns how it went from
    // /api/review/file/state under a name of its own for the download.
    const mb = (n) => (n / 1048576).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
    async function download(f, button, status) {
      button.disabled = true;
      const t = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
      status.dataset.t = t;
      status.replaceChildren(h('span', { class: 'muted', role: 'status' }, 'Đang tải…'));
      const a = h('a', { href: `/api/review/file?${new URLSearchParams({ uuid: it.uuid, sha: f.sha, t })}`, download: '', hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      let s = null;
      for (let unknown = 0; ;) {
        await new Promise((ok) => { setTimeout(ok, 400); });
        try {
          s = await SK.api('/api/review/file/state', { t });
        } catch (e) {
          if (e.status === 404 && ++unknown < 50) continue; // the browser has not asked yet
          status.replaceChildren(SK.failure(e));
          break;
        }
        if (s.state === 'done') {
          status.replaceChildren(h('span', { class: 'good-text', role: 'status' }, 'Đã tải, đúng mã SHA-256.'));
        } else if (s.state === 'failed') {
          status.replaceChildren(h('p', { class: 'notice bad', role: 'alert' },
            `Không tải được tệp: ${s.message.replace(/\.$/, '')}. Trình duyệt đánh dấu lượt tải hỏng và không giữ tệp.`));
        } else if (s.state === 'stopped') {
          status.replaceChildren(h('span', { class: 'muted', role: 'status' }, s.message));
        } else {
          status.replaceChildren(h('span', { class: 'muted', role: 'status' },
            s.size ? `Đang tải… ${mb(s.received)} / ${mb(s.size)} MB` : 'Đang tải…'));
          continue;
        }
        break;
      }
      button.disabled = false;
    }
    const dossier = h('section', { class: 'card', id: 'dossier', 'aria-labelledby': 'h-dossier' },
      h('h2', { id: 'h-dossier' }, `Hồ sơ (${it.files.length} tệp)`),
      it.files.length
        ? h('ul', { class: 'plain files' }, it.files.map((f) => {
          const status = h('div', { class: 'file-status' });
          const button = h('button', { type: 'button', 'data-sha': f.sha }, 'Tải về');
          button.addEventListener('click', () => download(f, button, status));
          return h('li', { 'data-sha': f.sha },
            h('div', {}, h('strong', {}, f.label || f.name), f.label ? ` – ${f.name}` : ''),
            h('div', { class: 'muted' }, `${f.type}, ${f.size_text} byte, đính kèm ${f.attached || '–'}`),
            button, status);
        }))
        : h('p', {}, 'Đơn vị chưa gửi tệp nào cho sáng kiến này.'));

    const notes = h('section', { class: 'card', id: 'notes', 'aria-labelledby': 'h-notes' },
      h('h2', { id: 'h-notes' }, `Ý kiến xét duyệt (${it.notes.length + it.notes_omitted})`),
      it.notes_omitted ? h('p', { class: 'muted' }, `${it.notes_omitted} ý kiến cũ nhất không hiện (xem Nhật ký).`) : null,
      it.notes.length ? h('ul', { class: 'plain notes' }, it.notes.map((n) => h('li', {},
        h('div', { class: 'muted' }, `${n.at} – ${n.author} (${n.status_text})`), paragraphs(n.text))))
        : h('p', {}, 'Chưa có ý kiến nào.'));

    const history = h('section', { class: 'card', id: 'history', 'aria-labelledby': 'h-history' },
      h('h2', { id: 'h-history' }, 'Lịch sử'),
      h('ol', { class: 'plain history' }, d.history.map((e) => h('li', {},
        h('div', {}, h('strong', {}, e.what), ` – ${e.who}`, h('span', { class: 'muted' }, ` – ${e.at}`)),
        e.changes ? h('div', { class: 'changes-text' }, e.changes) : null))),
      d.history_more ? h('p', { class: 'muted' }, 'Còn nữa: xem trang Nhật ký.') : null);

    const decisionSlot = h('div', {});
    const result = h('div', { id: 'decision-result' });
    // The note changes no status: offered apart from the decisions.
    const offered = it.actions.filter((a) => a !== 'note');
    const formFor = (code) => decisionForm(code, [it.uuid], (reply) => {
      const x = reply.results[0];
      if (x && x.ok) {
        sessionStorage.setItem('sk-review-done', code === 'note' ? 'Đã thêm ghi chú; trạng thái không đổi.' : `${cap(actionOf(code).text)}: xong.`);
        // The same page again, drawn from the server's new state.
        window.dispatchEvent(new HashChangeEvent('hashchange'));
      } else {
        result.replaceChildren(h('p', { class: 'notice bad', role: 'alert' },
          x ? refusal(x) : 'Máy chủ không trả lời cho sáng kiến này.'));
      }
    }, code === 'note' ? 'trạng thái không đổi' : null);
    const decide = h('section', { class: 'card decide', id: 'decide', 'aria-labelledby': 'h-decide' },
      h('h2', { id: 'h-decide' }, 'Quyết định'),
      result,
      offered.length
        ? h('div', { class: 'buttons', id: 'actions' }, offered.map((code) => h('button', {
          type: 'button', 'data-op': code, class: code === 'reject' ? 'danger' : null,
          onclick: () => decisionSlot.replaceChildren(formFor(code)),
        }, cap(actionOf(code).text))))
        : h('p', {}, `Sáng kiến ở trạng thái “${it.status_text}” không còn quyết định nào để làm.`),
      it.actions.includes('note')
        ? h('p', { class: 'note-action' }, h('button', { type: 'button', id: 'note-action', 'data-op': 'note',
          onclick: () => decisionSlot.replaceChildren(formFor('note')) }, 'Thêm ghi chú'),
        h('span', { class: 'muted' }, ' gửi về đơn vị, không đổi trạng thái'))
        : null,
      decisionSlot);
    const done = sessionStorage.getItem('sk-review-done');
    if (done) {
      sessionStorage.removeItem('sk-review-done');
      result.replaceChildren(h('p', { class: 'notice good', role: 'status' }, done));
    }

    view.append(back,
      h('div', { class: 'review-read' },
        h('div', { class: 'read-main' }, content, dossier, notes, history),
        h('div', { class: 'read-side' }, decide, similarPanel(d))));
  }

  SK.page('review', {
    title: 'Xét duyệt',
    render: async (view, params) => {
      if (params.path) await itemPage(view, params.path);
      else await queuePage(view, params);
    },
  });
})();
