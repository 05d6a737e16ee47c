// web.js - what the pages of both local web programs share (`sangkien ui`
// and `sangkien-admin ui`), served by each at /web.js before its own
// app.js (client/web/web_embed.cmake embeds it from here).
//
// h('p', {class: 'x', onclick: fn}, 'text', child...): an element.  An
// attribute null, undefined or false is left out, true is present; on*
// attributes are listeners; `text` sets textContent.  Children are
// elements or strings, set as text (never as HTML), null/false skipped,
// arrays flattened.  'svg:rect' makes an SVG element.
'use strict';

function h(tag, attrs, ...children) {
  const el = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
