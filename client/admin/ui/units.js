// Đơn vị: the grassroots units of the operator's scope with their quotas,
// enrolled devices and the last sync of each (GET /api/units); an
// enrollment code for a unit's new device (POST /api/enroll).
'use strict';

SK.page('units', {
  title: 'Đơn vị',
  render: async (view, params) => {
    const { h } = SK;
    const d = await SK.api('/api/units');
    if (!SK.still(view)) return;

    const codeBox = h('div', { id: 'enroll-result', 'aria-live': 'polite' });

    async function issue(u, button) {
      button.disabled = true;
      codeBox.replaceChildren(h('p', { class: 'muted', role: 'status' }, `Đang tạo mã cho ${u.name}…`));
      try {
        const r = await SK.post('/api/enroll', { unit: u.code });
        codeBox.replaceChildren(h('div', { class: 'notice good', role: 'status' },
          h('p', {}, h('strong', {}, `Mã đăng ký cho ${r.unit_name} (${r.unit_code}): `),
            h('span', { class: 'code-box', id: 'enroll-code' }, r.code)),
          h('p', {}, `Dùng một lần, hết hạn lúc ${r.expires} (${r.zone}). Trên máy của đơn vị, chạy:`),
          h('p', {}, h('code', {}, `sangkien enroll ${r.server} ${r.code}`)),
          h('p', { class: 'muted' }, 'Chỉ đưa mã cho người phụ trách của đơn vị; mã cũ chưa dùng vẫn còn hạn.')));
      } catch (e) {
        codeBox.replaceChildren(SK.failure(e));
      }
      button.disabled = false;
      codeBox.scrollIntoView({ block: 'nearest' });
    }

    const filter = h('input', { id: 'unit-filter', type: 'search', placeholder: 'Mã hoặc tên đơn vị', value: params.get('q') || '' });
    const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    const rows = d.units.map((u) => {
      const button = h('button', { type: 'button', 'data-unit': u.code }, 'Cấp mã đăng ký');
      button.addEventListener('click', () => issue(u, button));
      const devices = u.device_list.length
        ? h('ul', { class: 'plain devices' }, u.device_list.map((x) => h('li', {}, `${x.label} – đăng ký ${x.enrolled}`)),
          u.devices > u.device_list.length ? h('li', { class: 'muted' }, `và ${u.devices - u.device_list.length} máy khác`) : null)
        : h('span', { class: 'muted' }, 'chưa có máy nào');
      const tr = h('tr', { 'data-code': u.code },
        h('td', { class: 'code' }, u.code), h('td', {}, u.name),
        h('td', { class: 'num' }, u.quota_text), h('td', { class: 'num' }, u.submitted_text),
        h('td', { class: 'num' }, u.recognized_text), h('td', {}, devices),
        h('td', { class: 'last-sync' }, u.last_sync || h('span', { class: 'muted' }, d.syncs_known ? 'chưa đồng bộ' : 'không rõ')),
        h('td', {}, button));
      tr.dataset.search = fold(`${u.code} ${u.name}`);
      return tr;
    });
    const count = h('p', { class: 'muted', id: 'unit-count' });
    function apply() {
      const q = fold(filter.value.trim());
      let n = 0;
      for (const tr of rows) {
        tr.hidden = q !== '' && !tr.dataset.search.includes(q);
        if (!tr.hidden) n++;
      }
      count.textContent = `${n}/${rows.length} công đoàn cơ sở; ${d.devices} máy đã đăng ký.`;
    }
    filter.addEventListener('input', apply);
    apply();

    view.append(
      h('section', { class: 'card', 'aria-labelledby': 'h-tree' },
        h('h2', { id: 'h-tree' }, d.scope_code ? `${d.scope_name} (${d.scope_code})` : d.scope_name),
        h('p', { class: 'muted' }, 'Các công đoàn cơ sở trực thuộc, chỉ tiêu của đợt thi đua hiện hành, các máy đã đăng ký và lần đồng bộ gần nhất của đơn vị với máy chủ. Giờ: ', d.zone, '.'),
        h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
          h('div', { class: 'field' }, h('label', { for: 'unit-filter' }, 'Tìm đơn vị'), filter)),
        count, codeBox,
        d.units.length
          ? h('div', { class: 'table-wrap tall' }, h('table', { class: 'units-list' },
            h('thead', {}, h('tr', {}, ['Mã', 'Công đoàn cơ sở', 'Chỉ tiêu', 'Đã gửi', 'Công nhận', 'Máy đã đăng ký', 'Đồng bộ gần nhất', ''].map((x, i) =>
              h('th', { scope: 'col', class: i >= 2 && i <= 4 ? 'num' : null }, x)))),
            h('tbody', {}, rows)))
          : h('p', {}, 'Không có công đoàn cơ sở nào trong phạm vi.')));
  },
});
