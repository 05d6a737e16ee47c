// In báo cáo: the official A4 report (GET /print, written by the same code
// as `sangkien-admin report --format html`), opened in a tab of its own to
// print; the form fills the document's parts, starting from admin.conf's
// [report] section (GET /api/report-doc).
'use strict';

SK.page('print', {
  title: 'In báo cáo',
  render: async (view) => {
    const { h } = SK;
    const conf = await SK.api('/api/report-doc');
    if (!SK.still(view)) return;
    const FIELDS = [
      ['number', 'Số văn bản', '', 'Để trống: chừa chỗ ghi tay'],
      ['date', 'Ngày', '', 'dd/mm/yyyy; để trống: ngày lấy số liệu'],
      ['place', 'Địa danh', conf.place, 'ví dụ: Quận 11'],
      ['parent_body', 'Cơ quan cấp trên', conf.parent_body, 'ví dụ: Liên đoàn Lao động TP Hồ Chí Minh'],
      ['issuer', 'Cơ quan ban hành', conf.issuer, 'mặc định: tên đơn vị'],
      ['symbol', 'Ký hiệu', conf.symbol, 'ví dụ: BC-LĐLĐ'],
      ['signer_authority', 'Thẩm quyền ký', conf.signer_authority, 'ví dụ: TM. BAN THƯỜNG VỤ'],
      ['signer_title', 'Chức vụ người ký', conf.signer_title, 'ví dụ: PHÓ CHỦ TỊCH'],
      ['signer_name', 'Người ký', conf.signer_name, 'Họ và tên'],
    ];
    const inputs = {};
    const fields = FIELDS.map(([name, label, value, hint]) => {
      inputs[name] = h('input', { id: `p-${name}`, name, value: value || '', placeholder: hint, size: 32 });
      return h('div', { class: 'field' }, h('label', { for: `p-${name}` }, label), inputs[name]);
    });
    const recipients = h('textarea', { id: 'p-recipient', name: 'recipient', rows: 4, cols: 40, placeholder: 'Mỗi dòng một nơi nhận' });
    recipients.value = (conf.recipients || []).join('\n');
    const link = h('a', { class: 'button primary', id: 'open-print', target: '_blank', rel: 'noopener', href: '/print' }, 'Mở bản in (A4)');
    const update = () => {
      const q = new URLSearchParams();
      for (const [name] of FIELDS) if (inputs[name].value.trim()) q.set(name, inputs[name].value.trim());
      q.set('recipient', recipients.value);
      link.href = `/print?${q}`;
    };
    for (const el of [...Object.values(inputs), recipients]) el.addEventListener('input', update);
    update();
    view.append(h('section', { class: 'card', 'aria-labelledby': 'h-print' },
      h('h2', { id: 'h-print' }, 'Báo cáo tiến độ – văn bản hành chính'),
      h('p', {}, 'Báo cáo của phạm vi bạn phụ trách, trình bày theo thể thức văn bản hành chính (khổ A4), giống hệt lệnh ',
        h('code', {}, 'sangkien-admin report --format html'), '. Bản in mở ở thẻ mới; dùng lệnh In của trình duyệt (Ctrl+P), chọn khổ A4.'),
      h('p', { class: 'muted' }, 'Các giá trị cố định lấy từ mục [report] của admin.conf; sửa ở đây chỉ cho lần in này.'),
      h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() }, fields,
        h('div', { class: 'field' }, h('label', { for: 'p-recipient' }, 'Nơi nhận'), recipients)),
      h('p', {}, link)));
  },
});
