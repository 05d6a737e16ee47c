// Nhật ký: the audit trail of the operator's scope (GET /api/audit), in
// Vietnamese: who, when, what, each field before -> after; the filters of
// `sangkien-admin audit`, kept in the address (#/audit?unit=...).
'use strict';

SK.page('audit', {
  title: 'Nhật ký thay đổi',
  render: async (view, params) => {
    const { h } = SK;
    const FILTERS = [
      ['unit', 'Đơn vị (mã)', 'Q11-027'],
      ['initiative', 'Sáng kiến (mã, 8 ký tự đầu trở lên)', ''],
      ['actor', 'Người thực hiện', ''],
      ['since', 'Từ ngày', 'dd/mm/yyyy'],
      ['until', 'Đến ngày', 'dd/mm/yyyy'],
    ];
    const inputs = {};
    const form = h('form', { class: 'filters', role: 'search', id: 'audit-filters' },
      FILTERS.map(([name, label, hint]) => {
        inputs[name] = h('input', { id: `f-${name}`, name, value: params.get(name) || '', placeholder: hint, size: name === 'initiative' ? 20 : 12 });
        return h('div', { class: 'field' }, h('label', { for: `f-${name}` }, label), inputs[name]);
      }),
      h('button', { type: 'submit', class: 'primary' }, 'Lọc'),
      h('button', { type: 'button', onclick: () => { location.hash = '#/audit'; } }, 'Bỏ lọc'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const q = new URLSearchParams();
      for (const [name] of FILTERS) if (inputs[name].value.trim()) q.set(name, inputs[name].value.trim());
      const next = `#/audit${q.toString() ? `?${q}` : ''}`;
      if (location.hash === next) window.dispatchEvent(new HashChangeEvent('hashchange'));
      else location.hash = next;
    });
    view.append(form);

    const q = {};
    for (const [name] of FILTERS) if (params.get(name)) q[name] = params.get(name);
    const d = await SK.api('/api/audit', q);
    if (!SK.still(view)) return;

    const change = (e) => {
      if (e.shape === 'raw') return h('span', {}, `${e.changes[0].before} → ${e.changes[0].after}`);
      if (!e.changes.length) return h('span', { class: 'muted' }, '(không đổi)');
      return h('ul', { class: 'changes' }, e.changes.map((c) => h('li', {},
        h('strong', {}, `${c.field}: `),
        e.shape === 'created' ? h('span', { class: 'new' }, c.after)
          : e.shape === 'deleted' ? h('span', { class: 'old' }, c.before)
            : [h('span', { class: 'old' }, c.before ?? '(không có)'), ' → ', h('span', { class: 'new' }, c.after ?? '(không có)')])));
    };
    const lead = (e) => (e.shape === 'created' ? 'Tạo mới' : e.shape === 'deleted' ? 'Xóa' : null);
    view.append(
      h('p', { class: 'muted', id: 'audit-count' },
        d.total === 0 ? 'Không có thay đổi nào khớp điều kiện.'
          : `${d.total.toLocaleString('vi-VN')} thay đổi${d.cut ? ' (còn nữa: hãy lọc hẹp hơn)' : ''}; ${d.shown < d.total ? `hiện ${d.shown} thay đổi mới nhất, ` : ''}mới nhất trước. Giờ: ${d.zone}.`),
      d.entries.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'audit-list' },
        h('thead', {}, h('tr', {}, ['Lúc', 'Người thực hiện', 'Thao tác', 'Đơn vị', 'Sáng kiến', 'Thay đổi'].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, d.entries.map((e) => h('tr', { 'data-id': e.id },
          h('td', { class: 'nowrap' }, e.at),
          h('td', {}, e.who, h('div', { class: 'muted small' }, e.role)),
          h('td', {}, e.action, lead(e) ? h('div', { class: 'muted small' }, lead(e)) : null),
          h('td', { class: 'code' }, e.unit ? h('a', { href: `#/audit?unit=${encodeURIComponent(e.unit)}` }, e.unit) : ''),
          h('td', { class: 'code' }, e.uuid ? h('a', { href: `#/audit?initiative=${encodeURIComponent(e.uuid)}`, title: e.uuid }, `${e.uuid.slice(0, 8)}…${e.uuid.slice(-4)}`) : ''),
          h('td', {}, change(e))))))) : null);
  },
});
