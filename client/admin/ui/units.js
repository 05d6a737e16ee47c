// Đơn vị: the tree of the operator's scope (its levels above the
// grassroots units, each with its units' totals; choosing one shows the
// units below it, #/units?under=CODE), the grassroots units with their
// quotas, enrolled devices and the last sync of each (GET /api/units, how
// many units have come shown while it runs: GET /api/units/progress); an
// enrollment code for a unit's new device (POST /api/enroll).
'use strict';

SK.page('units', {
  title: 'Đơn vị',
  render: async (view, params) => {
    const { h } = SK;
    // Every page of the scope's progress comes before the page is drawn
    // (the tree's totals and the search need every unit); a nation takes
    // about 130 of them, so the count received so far is shown meanwhile.
    const status = h('p', { class: 'muted', role: 'status', id: 'units-loading' }, 'Đang lấy danh sách đơn vị từ máy chủ…');
    view.append(status);
    const poll = setInterval(async () => {
      try {
        const p = await SK.api('/api/units/progress');
        if (p.loading && p.units > 0) status.textContent = `Đang lấy danh sách đơn vị từ máy chủ: đã nhận ${p.units.toLocaleString('vi-VN')} công đoàn cơ sở…`;
      } catch (e) { /* the list's own request says what went wrong */ }
    }, 500);
    let d;
    try {
      d = await SK.api('/api/units');
    } finally {
      clearInterval(poll);
      status.remove();
    }
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

    // The tree: each level's node with the grassroots units below it.
    const nodes = new Map(d.tree.map((n) => [n.code, { ...n, kids: [], units: [] }]));
    const roots = [];
    for (const n of nodes.values()) {
      const up = nodes.get(n.parent);
      if (up) up.kids.push(n); else roots.push(n);
    }
    // The codes above a unit, itself excluded (the path to the scope).
    function above(code) {
      const path = [];
      for (let c = code, n = nodes.get(c); n && path.length < 8; c = n.parent, n = nodes.get(c)) path.push(c);
      return path;
    }
    for (const u of d.units) for (const c of above(u.parent)) nodes.get(c).units.push(u);
    let under = nodes.has(params.get('under')) ? params.get('under') : '';
    const treeLinks = [];
    function nodeItem(n) {
      const sum = (k) => n.units.reduce((a, u) => a + u[k], 0).toLocaleString('vi-VN');
      const link = h('a', { href: `#/units?under=${encodeURIComponent(n.code)}`, 'data-tree': n.code,
        onclick: (e) => { e.preventDefault(); choose(n.code); } }, `${n.name} (${n.code})`);
      treeLinks.push(link);
      return h('li', {},
        link, ' ', h('span', { class: 'muted' }, `${n.level} – ${n.units.length.toLocaleString('vi-VN')} công đoàn cơ sở, chỉ tiêu ${sum('quota')}, đã gửi ${sum('submitted')}, công nhận ${sum('recognized')}`),
        n.kids.length ? h('ul', {}, n.kids.map(nodeItem)) : null);
    }
    const tree = d.tree.length
      ? h('ul', { class: 'unit-tree', id: 'unit-tree' }, roots.map(nodeItem))
      : h('p', { class: 'muted', id: 'unit-tree' }, d.tree_omitted
        ? 'Phạm vi quá lớn: máy chủ không gửi cây đơn vị; danh sách công đoàn cơ sở vẫn đầy đủ.'
        : 'Máy chủ không gửi cây đơn vị.');
    function choose(code) {
      under = code;
      history.replaceState(null, '', `#/units${code ? `?under=${encodeURIComponent(code)}` : ''}`);
      apply();
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
        h('td', {}, nodes.has(u.parent) ? nodes.get(u.parent).name : ''),
        h('td', { class: 'num' }, u.quota_text), h('td', { class: 'num' }, u.submitted_text),
        h('td', { class: 'num' }, u.recognized_text), h('td', {}, devices),
        h('td', { class: 'last-sync' }, u.last_sync || h('span', { class: 'muted' }, d.syncs_known ? 'chưa đồng bộ' : 'không rõ')),
        h('td', {}, button));
      tr.dataset.search = fold(`${u.code} ${u.name}`);
      tr.dataset.above = ` ${above(u.parent).join(' ')} `;
      return tr;
    });
    const count = h('p', { class: 'muted', id: 'unit-count' });
    function apply() {
      const q = fold(filter.value.trim());
      let n = 0;
      for (const tr of rows) {
        tr.hidden = (q !== '' && !tr.dataset.search.includes(q)) || (under !== '' && !tr.dataset.above.includes(` ${under} `));
        if (!tr.hidden) n++;
      }
      for (const a of treeLinks) {
        if (a.dataset.tree === under) a.setAttribute('aria-current', 'true'); else a.removeAttribute('aria-current');
      }
      const where = under ? ` thuộc ${nodes.get(under).name}` : '';
      count.replaceChildren(`${n}/${rows.length} công đoàn cơ sở${where}; ${d.devices} máy đã đăng ký.`);
      if (under) count.append(' ', h('button', { type: 'button', class: 'link', id: 'tree-all', onclick: () => choose('') }, 'Xem tất cả'));
    }
    filter.addEventListener('input', apply);
    apply();

    view.append(
      h('section', { class: 'card', 'aria-labelledby': 'h-levels' },
        h('h2', { id: 'h-levels' }, 'Cây đơn vị'),
        h('p', { class: 'muted' }, 'Các cấp trong phạm vi, mỗi cấp với số công đoàn cơ sở trực thuộc và tổng chỉ tiêu, số đã gửi, số được công nhận. Chọn một cấp để xem các công đoàn cơ sở của cấp đó.'),
        tree),
      h('section', { class: 'card', 'aria-labelledby': 'h-tree' },
        h('h2', { id: 'h-tree' }, d.scope_code ? `${d.scope_name} (${d.scope_code})` : d.scope_name),
        h('p', { class: 'muted' }, 'Các công đoàn cơ sở trực thuộc, chỉ tiêu của đợt thi đua hiện hành, các máy đã đăng ký và lần đồng bộ gần nhất của đơn vị với máy chủ. Giờ: ', d.zone, '.'),
        h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
          h('div', { class: 'field' }, h('label', { for: 'unit-filter' }, 'Tìm đơn vị'), filter)),
        count, codeBox,
        d.units.length
          ? h('div', { class: 'table-wrap tall' }, h('table', { class: 'units-list' },
            h('thead', {}, h('tr', {}, ['Mã', 'Công đoàn cơ sở', 'Trực thuộc', 'Chỉ tiêu', 'Đã gửi', 'Công nhận', 'Máy đã đăng ký', 'Đồng bộ gần nhất', ''].map((x, i) =>
              h('th', { scope: 'col', class: i >= 3 && i <= 5 ? 'num' : null }, x)))),
            h('tbody', {}, rows)))
          : h('p', {}, 'Không có công đoàn cơ sở nào trong phạm vi.')));
  },
});
