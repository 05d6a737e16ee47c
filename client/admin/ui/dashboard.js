// Tổng quan: the progress of the operator's scope (GET /api/dashboard),
// the same figures as `sangkien-admin report`.
'use strict';

SK.page('', {
  title: 'Tổng quan',
  render: async (view) => {
    const { h, table, bars } = SK;
    const d = await SK.api('/api/dashboard');
    if (!SK.still(view)) return;

    const t = d.totals;
    const head = h('section', { class: 'card wide', 'aria-labelledby': 'h-head', id: 'headline' },
      h('h2', { id: 'h-head' }, d.scope_name),
      h('p', { class: 'muted' }, `${d.campaign_name}, tính từ ngày ${d.counts_from}. Số liệu của máy chủ lúc ${d.as_of} (${d.zone}).`),
      h('div', { class: 'headline' }, h('div', { class: 'figures' },
        h('div', {}, h('span', {}, 'Đã gửi'), h('strong', { class: 'big', id: 'fig-submitted' }, t.submitted_text)),
        h('div', {}, h('span', {}, 'Được công nhận'), h('strong', { class: 'big', id: 'fig-recognized' }, t.recognized_text)),
        h('div', {}, h('span', {}, 'Đơn vị đã gửi'), h('strong', { class: 'big' }, `${t.units_with_submissions_text}/${t.units_text}`))),
      h('div', {}, table([['So với chỉ tiêu'], ['Chỉ tiêu', 'num'], ['Đã gửi', 'num'], ['Tỷ lệ đạt', 'num']],
        d.targets.map((x) => [x.of ? `${x.name} (${x.of})` : x.name,
          x.target ? x.target_text : 'chưa đặt', t.submitted_text, x.target ? x.percent : '–']),
        { class: 'targets' }))),
      d.targets[0].target && d.targets[0].target !== d.targets[1].target
        ? h('p', { class: 'muted' }, `Hai chỉ tiêu khác nhau: chỉ tiêu của ${d.scope_name} là ${d.targets[0].target_text}, các công đoàn cơ sở được phân bổ tổng cộng ${d.targets[1].target_text}. Tỷ lệ của từng đơn vị tính theo chỉ tiêu phân bổ.`)
        : null);

    const urge = h('section', { class: 'card', 'aria-labelledby': 'h-behind', id: 'behind' },
      h('h2', { id: 'h-behind' }, `Cần đôn đốc (${d.behind.length})`),
      d.behind.length
        ? [bars(d.behind.slice(0, 15).map((b) => ({ label: b.name, value: b.shortfall, text: `thiếu ${b.shortfall_text}` })),
          d.behind_chart, { tone: 'behind', caption: d.behind.length > 15 ? `15 đơn vị còn thiếu nhiều nhất; bảng dưới đủ ${d.behind.length} đơn vị.` : 'Số còn thiếu so với chỉ tiêu.' }),
        h('div', { class: 'table-wrap tall' }, table([['Mã', 'code'], ['Công đoàn cơ sở'], ['Chỉ tiêu', 'num'], ['Đã gửi', 'num'], ['Còn thiếu', 'num'], ['Tỷ lệ', 'num']],
          d.behind.map((b) => [b.code, b.name, b.quota_text, b.submitted_text, b.shortfall_text, b.percent])))]
        : h('p', {}, 'Mọi công đoàn cơ sở có chỉ tiêu đều đã đạt.'));

    const phases = h('section', { class: 'card', 'aria-labelledby': 'h-phases', id: 'phases' },
      h('h2', { id: 'h-phases' }, 'Theo giai đoạn'),
      d.phases.length
        ? [table([['Giai đoạn'], ['Thời gian'], ['Chỉ tiêu', 'num'], ['Đã gửi', 'num'], ['Tỷ lệ', 'num'], ['Công nhận', 'num']],
          d.phases.map((p) => [p.name, `${p.starts} – ${p.ends}`, p.target ? p.target_text : 'chưa đặt', p.submitted_text, p.target ? p.percent : '–', p.recognized_text])),
        bars(d.phases.map((p) => ({ label: p.name, value: p.submitted, target: p.target, value2: p.recognized,
          text: p.target ? `${p.submitted_text} / ${p.target_text} (${p.percent})` : p.submitted_text })), d.phases_chart,
        { legend: [['target', 'Chỉ tiêu giai đoạn'], ['submitted', 'Đã gửi'], ['recognized', 'Được công nhận']] })]
        : h('p', {}, 'Đợt thi đua chưa chia giai đoạn.'));

    const counts = (id, title, first, c) => h('section', { class: 'card', 'aria-labelledby': `h-${id}`, id },
      h('h2', { id: `h-${id}` }, title),
      table([[first], ['Đã gửi', 'num'], ['Tỷ lệ', 'num'], ['Công nhận', 'num']],
        [...c.rows.map((x) => [x.label, x.submitted_text, x.share, x.recognized_text]),
          Object.assign(['Tổng cộng', c.submitted_text, c.rows.length ? '100,0%' : '–', c.recognized_text], { className: 'total' })]));

    const wk = d.weeks;
    const axis = d.weeks_chart.axis > 0 ? d.weeks_chart.axis : 1;
    const weeks = h('section', { class: 'card wide', 'aria-labelledby': 'h-weeks', id: 'weeks' },
      h('h2', { id: 'h-weeks' }, 'Số sáng kiến nhận được theo tuần'),
      wk.length
        ? [h('p', { class: 'legend' }, h('span', {}, h('i', { class: 'submitted' }), 'Nhận được'), h('span', {}, h('i', { class: 'recognized' }), 'Được công nhận')),
          h('div', { class: 'weeks', role: 'img', 'aria-label': 'Số sáng kiến nhận được theo tuần' }, wk.map((w, i) => {
            const col = h('div', { class: 'col', title: `Tuần ${w.start}: nhận ${w.submitted_text}, công nhận ${w.recognized_text}` });
            const s = h('div', { class: 's' });
            s.style.height = `${Math.min(w.submitted / axis, 1) * 100}%`;
            const r = h('div', { class: 'r' });
            r.style.height = `${Math.min(w.recognized / axis, 1) * 100}%`;
            col.append(s, r);
            if (w.submitted > axis) col.append(h('span', { class: 'top' }, w.submitted_text));
            // A date under every few columns, as many as fit.
            if (i % Math.ceil(wk.length / 10) === 0) col.append(h('span', { class: 'lab' }, w.start));
            return col;
          })),
          h('p', { class: 'muted' }, `Tuần tính từ thứ Hai, ghi ngày thứ Hai đầu tuần. Cột cao nhất ứng với ${axis.toLocaleString('vi-VN')} sáng kiến${d.weeks_chart.capped ? '; cột cao hơn bị cắt bớt, ghi số thật ở trên' : ''}.`),
          h('details', {}, h('summary', {}, 'Bảng theo tuần'),
            table([['Tuần bắt đầu'], ['Đã gửi', 'num'], ['Công nhận', 'num']], wk.map((w) => [w.start, w.submitted_text, w.recognized_text]), { class: 'weeks-table' }))]
        : h('p', {}, 'Chưa nhận được sáng kiến nào.'));

    const units = h('section', { class: 'card wide', 'aria-labelledby': 'h-units', id: 'units' },
      h('h2', { id: 'h-units' }, `Tiến độ theo đơn vị (${d.units.length})`),
      d.units_omitted ? h('p', { class: 'notice' }, 'Phạm vi quá lớn để liệt kê từng đơn vị; hãy xem từng quận, huyện.') : null,
      d.units.length
        ? [bars(d.units.map((u) => ({ label: u.name, value: u.submitted, target: u.quota, value2: u.recognized,
          text: u.quota ? `${u.submitted_text} / ${u.quota_text} (${u.percent})` : u.submitted_text })), d.units_chart,
        { legend: [['target', 'Chỉ tiêu phân bổ'], ['submitted', 'Đã gửi'], ['recognized', 'Được công nhận']], caption: 'Từng công đoàn cơ sở so với chỉ tiêu phân bổ.' }),
        h('div', { class: 'table-wrap tall' }, table([['Mã', 'code'], ['Công đoàn cơ sở'], ['Chỉ tiêu', 'num'], ['Đã gửi', 'num'], ['Công nhận', 'num'], ['Tỷ lệ', 'num']],
          d.units.map((u) => [u.code, u.name, u.quota_text, u.submitted_text, u.recognized_text, u.percent]), { class: 'units-table' }))]
        : h('p', {}, 'Không có công đoàn cơ sở nào trong phạm vi.'));

    view.append(h('div', { class: 'grid' }, head, urge, phases,
      counts('kinds', 'Theo loại sáng kiến', 'Loại sáng kiến', d.kinds),
      counts('themes', 'Theo chủ đề', 'Chủ đề', d.themes), weeks, units));
  },
});
