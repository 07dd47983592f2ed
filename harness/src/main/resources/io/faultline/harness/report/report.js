/* Faultline report: draws the page from the JSON embedded in #report-data. No network, no libraries.
 * Timelines are SVG drawn only for the visible window (so a key of 20,000 ops scrolls smoothly); the performance
 * charts are canvases (so 20,000 points draw in milliseconds). On success <body data-ok="true">; a script error is
 * shown in #errors, which the browser test reads. */
(function () {
  'use strict';

  var errorBox = document.getElementById('errors');
  function showError(msg) {
    errorBox.hidden = false;
    errorBox.appendChild(document.createTextNode('Script error: ' + msg + '\n'));
    document.body.setAttribute('data-ok', 'false');
  }
  window.onerror = function (msg, src, line, col) {
    showError(msg + ' (line ' + line + ':' + col + ')');
  };

  var D = JSON.parse(document.getElementById('report-data').textContent);
  var SVGNS = 'http://www.w3.org/2000/svg';
  var TYPE_COLORS = { ok: '#5B9BE6', fail: '#E46AA7', info: '#F2A93B', pending: '#C9CED6' };
  var SHAPES = ['circle', 'square', 'triangle', 'diamond', 'cross', 'plus'];
  var DASHES = [[], [7, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 5]];
  var QUANTILE_COLORS = { p50: '#3569B5', p95: '#2CA58D', p99: '#E08E2D', max: '#C0392B' };

  // ---------- small helpers ----------
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    setAttrs(e, attrs);
    append(e, children);
    return e;
  }
  function svg(tag, attrs, children) {
    var e = document.createElementNS(SVGNS, tag);
    setAttrs(e, attrs);
    append(e, children);
    return e;
  }
  function setAttrs(e, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') e.textContent = v;
      else if (k === 'on') Object.keys(v).forEach(function (ev) { e.addEventListener(ev, v[ev]); });
      else e.setAttribute(k, v);
    });
  }
  function append(e, children) {
    if (children === null || children === undefined) return;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
  }
  function fmtSeconds(ns) {
    var s = ns / 1e9;
    if (Math.abs(s) >= 100) return s.toFixed(1) + ' s';
    if (Math.abs(s) >= 1) return s.toFixed(3) + ' s';
    return fmtLatency(ns);
  }
  function fmtLatency(ns) {
    if (ns >= 1e9) return (ns / 1e9).toFixed(2) + ' s';
    if (ns >= 1e6) return (ns / 1e6).toFixed(ns >= 1e8 ? 0 : 2) + ' ms';
    if (ns >= 1e3) return (ns / 1e3).toFixed(1) + ' µs';
    return ns + ' ns';
  }
  function fmtDuration(ns) {
    var s = ns / 1e9;
    if (s < 1) return fmtLatency(ns);
    if (s < 120) return s.toFixed(1) + ' s';
    var m = Math.floor(s / 60);
    return m + ' min ' + Math.round(s - m * 60) + ' s';
  }
  function num(n) { return n === null || n === undefined ? '' : Number(n).toLocaleString('en-US'); }
  function verdictClass(v) { return 'verdict-' + (v || 'unknown'); }
  function section(id, title, children) {
    return el('section', { id: id, class: 'card' }, [el('h2', { text: title })].concat(children));
  }

  // ---------- tooltip ----------
  var tip = document.getElementById('tooltip');
  function showTip(evt, rows) {
    tip.innerHTML = '';
    rows.forEach(function (r) {
      if (r[1] === null || r[1] === undefined || r[1] === '') return;
      tip.appendChild(el('div', { class: 'tip-row' + (r[2] ? ' ' + r[2] : '') },
        [el('span', { class: 'tip-k', text: r[0] }), el('span', { class: 'tip-v', text: String(r[1]) })]));
    });
    tip.hidden = false;
    var x = evt.clientX + 14, y = evt.clientY + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 8) x = evt.clientX - w - 14;
    if (y + h > window.innerHeight - 8) y = evt.clientY - h - 14;
    tip.style.left = Math.max(4, x) + 'px';
    tip.style.top = Math.max(4, y) + 'px';
  }
  function hideTip() { tip.hidden = true; }

  // ---------- summary ----------
  function firstInvalidKey() {
    if (!D.lin) return null;
    for (var i = 0; i < D.lin.keys.length; i++) if (D.lin.keys[i].failure) return D.lin.keys[i];
    return null;
  }

  function header() {
    var bad = firstInvalidKey();
    var facts = [];
    if (D.kind === 'run') facts.push(['run', D.run]);
    if (D.kind === 'check') facts.push(['file', D.file]);
    if (D.seed !== null && D.seed !== undefined) facts.push(['seed', String(D.seed)]);
    if (D.duration !== null && D.duration !== undefined) facts.push(['duration', fmtDuration(D.duration)]);
    facts.push(['history', num(D.historyOps) + ' ops']);
    if (D.lin && D.lin.model) facts.push(['model', D.lin.model]);
    return el('header', { class: 'top ' + verdictClass(D.verdict) }, [
      el('div', { class: 'verdict', id: 'verdict', text: String(D.verdict).toUpperCase() }),
      el('div', { class: 'title' }, [
        el('h1', { text: D.name }),
        el('dl', { class: 'facts' }, facts.map(function (f) {
          return el('div', null, [el('dt', { text: f[0] }), el('dd', { text: f[1] })]);
        })),
        bad ? el('a', { href: '#first-error', class: 'jump', id: 'jump-first-error',
          on: { click: function (e) { e.preventDefault(); jumpToFirstError(); } } },
          'Jump to the first error' + (D.lin.partitioned ? ' \u2192 key ' + bad.key : '')) : null,
        D.error ? el('p', { class: 'error-text', text: 'Checker error: ' + D.error }) : null
      ])
    ]);
  }

  function countsTable() {
    var rows = (D.counts || []).map(function (c) {
      return el('tr', { class: c.nemesis ? 'nemesis' : '' }, [
        el('td', { text: c.nemesis ? c.f + ' (nemesis)' : c.f }),
        el('td', { class: 'n ok', text: num(c.ok) }), el('td', { class: 'n fail', text: num(c.fail) }),
        el('td', { class: 'n info', text: num(c.info) }), el('td', { class: 'n', text: c.pending ? num(c.pending) : '' })
      ]);
    });
    return el('table', { class: 'counts' }, [
      el('thead', null, el('tr', null, ['f', 'ok', 'fail', 'info', 'never completed'].map(function (h) {
        return el('th', { text: h });
      }))),
      el('tbody', null, rows)
    ]);
  }

  function specTable() {
    if (!D.spec) return null;
    var rows = Object.keys(D.spec).map(function (k) {
      var v = D.spec[k];
      if (Array.isArray(v)) v = v.length ? v.join(', ') : '(none)';
      else if (v && typeof v === 'object') v = Object.keys(v).length ? JSON.stringify(v) : '(none)';
      return el('tr', null, [el('th', { text: k }), el('td', { text: String(v) })]);
    });
    return el('table', { class: 'spec' }, el('tbody', null, rows));
  }

  function fileLinks() {
    var items = [];
    (D.files || []).forEach(function (f) { items.push(el('li', null, el('a', { href: f.href, text: f.name }))); });
    var logs = (D.nodeLogs || []).map(function (f) {
      return el('li', null, el('a', { href: f.href, text: f.node + ' / ' + f.name }));
    });
    if (!items.length && !logs.length) return null;
    return el('div', { class: 'files' }, [
      items.length ? el('h3', { text: 'Files' }) : null, items.length ? el('ul', null, items) : null,
      el('h3', { text: 'Node logs' }),
      logs.length ? el('ul', { class: 'logs' }, logs) : el('p', { class: 'muted', text: 'No node logs in this run.' })
    ]);
  }

  function faultStrip() {
    var faults = D.faults || [], nem = D.nemesis || [];
    var fams = [];
    faults.forEach(function (f) { if (fams.indexOf(f.family) < 0) fams.push(f.family); });
    if (!faults.length && !nem.length) {
      return el('p', { class: 'muted', id: 'fault-timeline', text: 'No fault intervals: the nemesis did nothing.' });
    }
    var lanes = fams.concat(nem.length ? ['nemesis ops'] : []);
    var W = Math.max(600, (document.getElementById('app').clientWidth || 1300) - 82);
    var lane = 18, top = 4, H = top + lanes.length * lane + 22, left = 84;
    var t0 = D.perf ? D.perf.start : 0;
    var t1 = Math.max(t0 + 1, D.duration || 1);
    var X = function (t) { return left + (t - t0) / (t1 - t0) * (W - left - 10); };
    var s = svg('svg', { width: W, height: H, class: 'fault-strip', id: 'fault-timeline' });
    lanes.forEach(function (name, i) {
      s.appendChild(svg('text', { x: left - 8, y: top + i * lane + 13, 'text-anchor': 'end', class: 'lane-label' }, name));
      s.appendChild(svg('line', { x1: left, x2: W - 10, y1: top + i * lane + lane / 2, y2: top + i * lane + lane / 2,
        class: 'lane-line' }));
    });
    function hover(node, rows) {
      node.addEventListener('mousemove', function (e) { showTip(e, rows()); });
      node.addEventListener('mouseleave', hideTip);
      s.appendChild(node);
    }
    faults.forEach(function (f) {
      var i = fams.indexOf(f.family);
      hover(svg('rect', { x: X(f.start), y: top + i * lane + 2, width: Math.max(2, X(f.end) - X(f.start)),
        height: lane - 4, fill: f.color, class: 'fault' + (f.heal ? '' : ' open') }), function () {
        return [['fault', f.family, 'tip-title'], ['started by', f.f + (f.value ? ' ' + f.value : '')],
          ['healed by', f.heal || 'never healed before the end'], ['from', fmtSeconds(f.start - t0)],
          ['to', fmtSeconds(f.end - t0)], ['lasted', fmtDuration(f.end - f.start)]];
      });
    });
    var y = top + fams.length * lane;
    nem.forEach(function (n) {
      hover(svg('rect', { x: X(n.t) - 1, y: y + 3, width: Math.max(3, X(n.end) - X(n.t) + 2), height: lane - 6,
        class: 'nemesis-op ' + n.type }), function () {
        return [['nemesis', n.f, 'tip-title'], ['at', fmtSeconds(n.t - t0)], ['took', fmtLatency(n.end - n.t)],
          ['outcome', n.type], ['value', n.value]];
      });
    });
    ticks(0, t1 - t0, 8).forEach(function (t) {
      s.appendChild(svg('text', { x: X(t0 + t), y: H - 6, 'text-anchor': 'middle', class: 'tick' }, fmtSeconds(t)));
    });
    return s;
  }

  // One row per check of results.json: linearizability and the checks below the history (replica agreement,
  // durable acknowledgements), each with its verdict, its counts and its error or why it was skipped.
  function checksTable() {
    if (!D.checks || !D.checks.length) return null;
    var rows = D.checks.map(function (c) {
      var counts = Object.keys(c.counts).map(function (k) { return k + ' ' + num(c.counts[k]); }).join(', ');
      return el('tr', { class: verdictClass(c.verdict) }, [
        el('th', { text: c.name }), el('td', { class: 'verdict-cell', text: String(c.verdict).toUpperCase() }),
        el('td', { text: counts }), el('td', { class: 'check-note', text: c.note || '' })
      ]);
    });
    return el('table', { class: 'checks', id: 'checks' }, [
      el('thead', null, el('tr', null, ['check', 'verdict', 'counts', 'error or note'].map(function (h) {
        return el('th', { text: h });
      }))),
      el('tbody', null, rows)
    ]);
  }

  function summary() {
    return section('summary', 'Summary', [
      el('div', { class: 'summary-grid' }, [
        el('div', null, [el('h3', { text: 'Operations by f' }), countsTable()]),
        D.spec ? el('div', null, [el('h3', { text: 'Spec' }), specTable()]) : null,
        fileLinks()
      ]),
      D.checks && D.checks.length ? el('h3', { text: 'Checks' }) : null,
      checksTable(),
      el('h3', { text: 'Fault timeline' }),
      faultStrip(),
      legendFamilies()
    ]);
  }

  function legendFamilies() {
    var present = {};
    (D.faults || []).forEach(function (f) { present[f.family] = f.color; });
    var names = Object.keys(present);
    if (!names.length) return null;
    return el('div', { class: 'legend' }, names.map(function (n) {
      return el('span', { class: 'key' }, [el('i', { class: 'swatch', style: 'background:' + present[n] }), n]);
    }));
  }

  // ---------- linearizability timelines ----------
  var SLOT = 28, ROW = 24, AXIS = 22, PAD_TOP = 16;
  var timelines = [];

  function linSection() {
    if (!D.lin) return null;
    var L = D.lin;
    var invalid = L.keys.filter(function (k) { return k.verdict === 'invalid'; }).length;
    var intro = [];
    if (L.verdict === null) {
      intro.push(el('p', { class: 'muted', text: 'This run was not checked for linearizability; the timelines show its operations only.' }));
    } else {
      intro.push(el('p', null, [
        'Model ', el('code', { text: L.model || '?' }), '. ',
        L.partitioned ? L.keys.length + (L.keys.length === 1 ? ' key' : ' keys, each checked on its own') + '; ' +
          invalid + ' not linearizable. '
          : 'The whole history is one part. ',
        'Each row is a client: a bar runs from an operation\u2019s call to its return (after an indeterminate operation a client continues as a new process, in the same row). The x axis is the order of calls and returns, as in Porcupine (linearizability depends only on that order), so every bar stays readable; times are on the axis and on hover. Invalid keys come first; valid keys are collapsed.'
      ]));
    }
    intro.push(legendLin());
    var blocks = L.keys.map(keyBlock);
    var shown = blocks.filter(function (b, i) { return !L.keys[i].collapsed; });
    var folded = blocks.filter(function (b, i) { return L.keys[i].collapsed; });
    var list = el('div', { class: 'keys' }, shown);
    if (folded.length > 8) {
      var tally = {};
      L.keys.forEach(function (k) { if (k.collapsed) tally[k.verdict] = (tally[k.verdict] || 0) + 1; });
      list.appendChild(el('details', { class: 'more-keys', id: 'more-keys' }, [
        el('summary', { text: folded.length + ' more keys, collapsed: ' + Object.keys(tally).map(function (v) {
          return tally[v] + ' ' + v + (v === 'unknown' ? ' (search cancelled once another key was found invalid)' : '');
        }).join(', ') }),
        el('div', { class: 'more-keys-list' }, folded)
      ]));
    } else {
      append(list, folded);
    }
    return section('linearizability', 'Linearizability', intro.concat([list]));
  }

  function legendLin() {
    var items = ['ok', 'fail', 'info', 'pending'].map(function (t) {
      return el('span', { class: 'key' }, [el('i', { class: 'swatch', style: 'background:' + TYPE_COLORS[t] }),
        t === 'pending' ? 'never completed' : t]);
    });
    items.push(el('span', { class: 'key' }, [el('i', { class: 'swatch lin-swatch' }), 'longest linearizable prefix']));
    items.push(el('span', { class: 'key' }, [el('i', { class: 'dot' }), 'linearization point']));
    items.push(el('span', { class: 'key' }, [el('i', { class: 'swatch failing-swatch' }), 'cannot be linearized']));
    Object.keys(D.families || {}).forEach(function (f) {
      if ((D.faults || []).some(function (x) { return x.family === f; })) {
        items.push(el('span', { class: 'key' }, [el('i', { class: 'swatch', style: 'background:' + D.families[f] }), f]));
      }
    });
    return el('div', { class: 'legend' }, items);
  }

  function keyBlock(k, n) {
    var open = !k.collapsed || D.lin.keys.length === 1;
    var summaryLine = el('summary', null, [
      el('span', { class: 'badge ' + verdictClass(k.verdict), text: k.verdict }),
      el('span', { class: 'key-name', text: D.lin.partitioned ? 'key ' + k.key : 'history' }),
      k.cause && k.collapsed ? el('span', { class: 'muted', text: k.cause }) : null,
      el('span', { class: 'muted', text: num(k.count) + ' operations' +
        (k.timeMs !== undefined && k.timeMs !== null ? ' · checked in ' + Number(k.timeMs).toFixed(1) + ' ms' : '') })
    ]);
    var body = el('div', { class: 'key-body' });
    var det = el('details', { class: 'key ' + verdictClass(k.verdict), id: 'key-' + n }, [summaryLine, body]);
    if (open) det.open = true;
    var built = false;
    function build() {
      if (built) return;
      built = true;
      if (k.cause) body.appendChild(el('p', { class: 'cause', text: 'Unknown: ' + k.cause }));
      if (k.verdict === 'unchecked') body.appendChild(el('p', { class: 'muted', text: 'The checker had no part for this key (for example, every operation on it failed).' }));
      if (k.failure) body.appendChild(failureBox(k));
      if (k.shown) body.appendChild(el('p', { class: 'note', text: 'Showing operations ' + num(k.shown.from + 1) + '\u2013' +
        num(k.shown.to) + ' of ' + num(k.shown.of) + ' of this key' + (k.failure ? ' (around the first error)' : '') +
        '; the rest is left out of the page to keep it fast.' }));
      if (!k.ops) {
        body.appendChild(el('p', { class: 'note', text: 'This key\u2019s ' + num(k.count) + ' operations are left out of the page to keep it fast: a report embeds at most ' + num(D.lin.opsTotal) + ' operations, and the keys above used them.' }));
        return;
      }
      var tl = timeline(k);
      body.appendChild(tl.node);
      timelines.push(tl);
      tl.init();
    }
    det.addEventListener('toggle', function () { if (det.open) build(); });
    k._build = build;
    k._details = det;
    return det;
  }

  function opByIndex(k) {
    if (!k._byIndex) {
      k._byIndex = {};
      (k.ops || []).forEach(function (o, i) { k._byIndex[o[7]] = i; });
    }
    return k._byIndex;
  }

  function describeOp(o) {
    var s = o[2] + ' ' + o[8];
    if (o[1] === 'ok' && o[9] !== o[8]) s = o[2] + ' ' + (o[8] === 'nil' ? '' : o[8] + ' \u2192 ') + o[9];
    return s;
  }

  function failureBox(k) {
    var f = k.failure, idx = opByIndex(k);
    var failing = idx[f.index] !== undefined ? k.ops[idx[f.index]] : null;
    var prev = f.previousOk !== null && idx[f.previousOk] !== undefined ? k.ops[idx[f.previousOk]] : null;
    var children = [
      el('p', { class: 'failure-head', id: 'first-error' }, [
        el('strong', { text: 'Cannot linearize ' }),
        el('code', { class: 'op-failing', 'data-index': f.index,
          text: failing ? describeOp(failing) + ' by process ' + failing[11] : 'history op ' + f.index }),
        ' (history index ' + f.index + ').'
      ]),
      f.error ? el('p', null, ['Why: ', el('code', { text: f.error })]) : null,
      el('p', null, 'The longest linearizable prefix holds ' + num(f.longest) + ' operations' +
        (prev ? '; the last ok operation in it is ' + describeOp(prev) + ' by process ' + prev[11] + '.' : '.') +
        ' Every order of those leaves no legal point for this operation before its return.')
    ];
    if (f.path && f.path.length) {
      var steps = f.path.map(function (s, i) {
        var o = idx[s.index] !== undefined ? k.ops[idx[s.index]] : null;
        return el('li', { class: s.error ? 'step-error' : '' }, [
          el('code', { text: o ? describeOp(o) : 'op ' + s.index }),
          o ? el('span', { class: 'muted', text: ' p' + o[11] }) : null,
          s.error ? el('span', { class: 'err', text: '  \u2717 ' + s.error })
            : el('span', { text: '  \u21d2 ' + s.model })
        ]);
      });
      var truncated = f.longest > f.path.length - 1;
      children.push(el('details', { class: 'path' }, [
        el('summary', { text: 'The end of one longest partial linearization (' + (f.path.length - 1) + ' steps' +
          (truncated ? ' of ' + num(f.longest) : '') + ', then the failing op) and the model state after each' }),
        el('ol', null, steps)
      ]));
    }
    return el('div', { class: 'failure' }, children);
  }

  function timeline(k) {
    var ops = k.ops, rows = k.rows, slots = k.slots;
    var idx = opByIndex(k);
    var failing = k.failure && idx[k.failure.index] !== undefined ? idx[k.failure.index] : -1;
    var prevOk = k.failure && k.failure.previousOk !== null && idx[k.failure.previousOk] !== undefined ? idx[k.failure.previousOk] : -1;
    // Event times for the axis and for placing fault intervals; slots are in history order.
    var times = new Float64Array(slots);
    ops.forEach(function (o) { times[o[3]] = o[5]; if (o[4] >= 0) times[o[4]] = o[6]; });
    // Linearization points of the longest prefix: increasing, each inside its op's [call, return].
    var lin = {}, points = [], state = {};
    if (k.failure && k.failure.path) {
      var p = -1, prevModel = null;
      k.failure.path.forEach(function (s, n) {
        var i = idx[s.index];
        if (i === undefined) { prevModel = s.model; return; }
        var o = ops[i];
        var end = o[4] >= 0 ? o[4] : slots;
        if (!s.error) {
          p = Math.max(p + 0.2, o[3] + 0.5);
          if (p > end) p = end;
          lin[i] = true;
          points.push([i, p]);
        }
        state[i] = { before: n > 0 ? prevModel : null, after: s.model, error: s.error };
        prevModel = s.model;
      });
    }
    var S = SLOT;
    var width = (slots + 2) * S;
    var height = PAD_TOP + rows.length * ROW + AXIS;
    var long = [], maxSpan = 400;
    ops.forEach(function (o, i) { if ((o[4] < 0 ? slots : o[4]) - o[3] > maxSpan) long.push(i); });

    var labels = rows.map(function (r, i) {
      return el('div', { class: 'tl-row-label', style: 'top:' + (PAD_TOP + i * ROW) + 'px;height:' + ROW + 'px',
        title: 'processes ' + r.join(', '), text: 'p' + r[0] });
    });
    var gutter = el('div', { class: 'tl-gutter', style: 'height:' + height + 'px' }, labels);
    var canvas = svg('svg', { class: 'tl-svg', height: height });
    var spacer = el('div', { class: 'tl-spacer', style: 'width:' + width + 'px;height:' + height + 'px' }, canvas);
    var scroller = el('div', { class: 'tl-scroll' }, spacer);
    var node = el('div', { class: 'timeline-wrap' }, [
      el('div', { class: 'tl-tools' }, [
        el('span', { class: 'muted', text: 'zoom ' }),
        el('button', { type: 'button', title: 'zoom out', on: { click: function () { zoom(1 / 1.6); } } }, '\u2212'),
        el('button', { type: 'button', title: 'zoom in', on: { click: function () { zoom(1.6); } } }, '+'),
        el('span', { class: 'muted', text: '  scroll sideways to move along the history; hover a bar for details' })
      ]),
      el('div', { class: 'timeline', 'data-key': k.key }, [gutter, scroller])
    ]);
    function zoom(f) {
      var vw = scroller.clientWidth || 1000;
      var centre = (scroller.scrollLeft + vw / 2) / S;
      S = Math.max(3, Math.min(80, S * f));
      width = (slots + 2) * S;
      spacer.style.width = width + 'px';
      scroller.scrollLeft = Math.max(0, centre * S - vw / 2);
      render();
    }

    function xOf(slot) { return slot * S + S / 2 + S; }
    function slotAt(t, fromEnd) { // first slot with time >= t (or last with time <= t)
      var lo = 0, hi = slots - 1, ans = fromEnd ? -1 : slots;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1;
        if (fromEnd ? times[mid] <= t : times[mid] >= t) { ans = mid; if (fromEnd) lo = mid + 1; else hi = mid - 1; }
        else if (fromEnd) hi = mid - 1; else lo = mid + 1;
      }
      return ans;
    }
    var faults = (D.faults || []).map(function (f) {
      var a = slotAt(f.start, false), b = slotAt(f.end, true);
      return { f: f, a: a, b: b };
    }).filter(function (x) { return x.a <= x.b && x.a < slots; });

    var pending = false, flashUntil = 0;
    function render() {
      pending = false;
      var vw = scroller.clientWidth || 1000;
      var x0 = scroller.scrollLeft, x1 = x0 + vw;
      canvas.setAttribute('width', vw);
      canvas.style.left = x0 + 'px';
      var g = svg('g', { transform: 'translate(' + (-x0) + ',0)' });
      var s0 = Math.max(0, Math.floor(x0 / S) - 2), s1 = Math.ceil(x1 / S) + 1;
      faults.forEach(function (x) {
        var fa = xOf(x.a) - S / 2, fb = xOf(x.b) + S / 2;
        if (fb < x0 || fa > x1) return;
        g.appendChild(svg('rect', { x: fa, y: 0, width: fb - fa, height: height - AXIS, fill: x.f.color, class: 'tl-fault' }));
        g.appendChild(svg('text', { x: Math.max(fa, x0) + 4, y: 11, class: 'tl-fault-label' }, x.f.family + (x.f.f === x.f.family ? '' : ' (' + x.f.f + ')')));
      });
      rows.forEach(function (r, i) {
        if (i % 2) g.appendChild(svg('rect', { x: x0, y: PAD_TOP + i * ROW, width: vw, height: ROW, class: 'tl-band' }));
      });
      // ops in view: a binary search on call slot, then a scan; very long ops are kept apart.
      var lo = 0, hi = ops.length;
      var from = s0 - maxSpan;
      while (lo < hi) { var m = (lo + hi) >> 1; if (ops[m][3] < from) lo = m + 1; else hi = m; }
      var drawn = {};
      function draw(i) {
        if (drawn[i]) return;
        var o = ops[i];
        var end = o[4] >= 0 ? o[4] : slots;
        if (end < s0 || o[3] > s1) return;
        drawn[i] = true;
        var xa = xOf(o[3]) - S * 0.4, xb = (o[4] >= 0 ? xOf(end) + S * 0.4 : xOf(slots) + S);
        var cls = 'op op-' + o[1] + (lin[i] ? ' lin' : '') + (i === prevOk ? ' prev-ok' : '') +
          (i === failing ? ' failing' + (Date.now() < flashUntil ? ' flash' : '') : '');
        var y = PAD_TOP + o[0] * ROW + 3;
        var attrs = { x: xa, y: y, width: Math.max(4, xb - xa), height: ROW - 6, rx: 3, class: cls, 'data-i': i,
          'data-index': o[7] };
        if (i === failing) attrs.id = 'failing-op-' + k.key;
        g.appendChild(svg('rect', attrs));
        var label = describeOp(o);
        var room = (Math.min(xb, x1) - Math.max(xa, x0)) - 8;
        if (i === failing) room = Math.max(room, label.length * 7 + 8);
        if (room > 24) {
          var chars = Math.floor(room / 6.2);
          if (label.length > chars) label = label.slice(0, Math.max(1, chars - 1)) + '\u2026';
          g.appendChild(svg('text', { x: Math.max(xa, x0) + 4, y: y + ROW - 11, class: 'op-label' + (i === failing ? ' failing' : ''),
            'data-i': i }, label));
        }
      }
      drawn[failing] = true; // drawn last, over its neighbours
      for (var i = lo; i < ops.length && ops[i][3] <= s1; i++) draw(i);
      long.forEach(draw);
      if (failing >= 0) { delete drawn[failing]; draw(failing); }
      var inView = rows.map(function () { return []; });
      Object.keys(drawn).forEach(function (i) {
        var o = ops[i];
        if (inView[o[0]].indexOf(o[11]) < 0) inView[o[0]].push(o[11]);
      });
      labels.forEach(function (lab, r) {
        var ps = inView[r].sort(function (a, b) { return a - b; });
        lab.textContent = ps.length > 2 ? '\u2026 p' + ps.slice(-2).join(' p') : ps.length ? 'p' + ps.join(' p') : '';
      });
      // linearization points and the line through them
      var pts = points.filter(function (pt, n) {
        var px = xOf(pt[1]) - S / 2;
        var next = points[n + 1], prev = points[n - 1];
        return (px >= x0 - 40 && px <= x1 + 40) || (next && xOf(next[1]) >= x0 && px <= x0) || (prev && xOf(prev[1]) <= x1 && px >= x1);
      });
      if (pts.length > 1) {
        g.appendChild(svg('polyline', { class: 'lp-line', points: pts.map(function (pt) {
          return (xOf(pt[1]) - S / 2) + ',' + (PAD_TOP + ops[pt[0]][0] * ROW + ROW - 3);
        }).join(' ') }));
      }
      pts.forEach(function (pt, n) {
        g.appendChild(svg('circle', { class: 'lp', cx: xOf(pt[1]) - S / 2, cy: PAD_TOP + ops[pt[0]][0] * ROW + ROW - 3, r: 3.5, 'data-i': pt[0] }));
      });
      if (failing >= 0) {
        var fo = ops[failing];
        var fx = Math.max(xOf(fo[4] >= 0 ? fo[4] : slots) + S * 0.4 + 4, xOf(fo[3]) - S * 0.4 + describeOp(fo).length * 7 + 10);
        if (fx > x0 && fx < x1 + 20) {
          g.appendChild(svg('text', { x: fx, y: PAD_TOP + fo[0] * ROW + ROW - 8, class: 'failing-mark' }, '\u2717'));
        }
      }
      // axis: times of the events under the ticks
      var axisY = height - AXIS + 4;
      g.appendChild(svg('line', { x1: x0, x2: x1, y1: axisY, y2: axisY, class: 'axis' }));
      var step = Math.max(1, Math.round(130 / S));
      for (var s = Math.ceil(s0 / step) * step; s <= Math.min(s1, slots - 1); s += step) {
        if (xOf(s) < x0 + 36 || xOf(s) > x1 - 36) continue;
        g.appendChild(svg('line', { x1: xOf(s), x2: xOf(s), y1: axisY, y2: axisY + 4, class: 'axis' }));
        g.appendChild(svg('text', { x: xOf(s), y: axisY + 15, class: 'tick', 'text-anchor': 'middle' },
          times[s] >= 0 ? fmtSeconds(times[s] - (D.perf ? D.perf.start : 0)) : ''));
      }
      canvas.innerHTML = '';
      canvas.appendChild(g);
    }
    function schedule() { if (!pending) { pending = true; requestAnimationFrame(render); } }
    scroller.addEventListener('scroll', schedule);
    window.addEventListener('resize', schedule);
    canvas.addEventListener('mousemove', function (e) {
      var i = e.target.getAttribute && e.target.getAttribute('data-i');
      if (i === null || i === undefined) { hideTip(); return; }
      var o = ops[+i], st = state[+i] || {};
      var t0 = D.perf ? D.perf.start : 0;
      showTip(e, [
        ['op', o[2] + ' by process ' + o[11], 'tip-title'],
        ['type', o[1] === 'pending' ? 'never completed' : o[1]],
        ['call', (o[5] >= 0 ? fmtSeconds(o[5] - t0) : 'time unknown') + '  (history index ' + o[7] + ')'],
        ['return', o[4] < 0 ? 'never' : o[6] >= 0 ? fmtSeconds(o[6] - t0) : 'time unknown'],
        ['latency', o[6] >= 0 && o[5] >= 0 ? fmtLatency(o[6] - o[5]) : null],
        ['input', o[8]], ['output', o[9]], ['error', o[10]],
        ['model before', st.before], ['model after', st.after],
        ['cannot apply', st.error, 'tip-bad'],
        [lin[+i] ? 'linearized' : null, lin[+i] ? 'in the longest linearizable prefix' : null]
      ]);
    });
    canvas.addEventListener('mouseleave', hideTip);
    return {
      node: node, key: k,
      init: function () {
        if (failing >= 0) centerOn(failing); else render();
      },
      centerOn: centerOn,
      flash: function () { flashUntil = Date.now() + 3000; render(); },
      failingIndex: failing
    };
    function centerOn(i) {
      var vw = scroller.clientWidth || 1000;
      scroller.scrollLeft = Math.max(0, xOf(ops[i][3]) - vw * 0.6);
      render();
    }
  }

  function jumpToFirstError() {
    var k = firstInvalidKey();
    if (!k) return;
    k._details.open = true;
    k._build();
    var tl = timelines.filter(function (t) { return t.key === k; })[0];
    document.getElementById('first-error').scrollIntoView({ block: 'start' });
    if (tl && tl.failingIndex >= 0) {
      tl.centerOn(tl.failingIndex);
      tl.flash();
    }
  }

  // ---------- performance charts (canvas) ----------
  function perfSection() {
    var P = D.perf;
    if (!P) {
      return D.kind === 'run' ? section('performance', 'Performance', [el('p', { class: 'muted', text: 'No completed client operations.' })]) : null;
    }
    var note = P.points.shown < P.points.of
      ? 'The scatter shows ' + num(P.points.shown) + ' of ' + num(P.points.of) + ' operations: every failed and indeterminate one (up to half), and an even sample of the ok ones. Quantiles and rates use every operation. '
      : '';
    return section('performance', 'Performance', [
      el('p', { class: 'muted', text: note + 'Latency is from invocation to completion, as recorded in the history. Quantiles are per ' +
        fmtLatency(P.bucketNanos) + ' of invocations, throughput per ' + fmtLatency(P.rateBucketNanos) +
        ' of completions. Shaded: fault intervals. latency.hlog holds the per-f histograms corrected for coordinated omission.' }),
      chartBlock('chart-latency-raw', 'Latency of every operation', 'shape: f · colour: type'),
      chartBlock('chart-latency-quantiles', 'Latency quantiles over time', 'colour: quantile · line: f'),
      chartBlock('chart-rate', 'Throughput over time (completions per second)', 'colour: type · line: f')
    ]);
  }

  function chartBlock(id, title, hint) {
    return el('figure', { class: 'chart', id: id + '-figure' }, [
      el('figcaption', null, [el('strong', { text: title }), el('span', { class: 'muted', text: '  ' + hint })]),
      el('canvas', { id: id, class: 'chart-canvas', height: 300 }),
      el('div', { class: 'legend', id: id + '-legend' })
    ]);
  }

  function ticks(a, b, n) {
    var span = b - a;
    if (!(span > 0)) return [a];
    var raw = span / n, p = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / p;
    var step = (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
    var out = [];
    for (var t = Math.ceil(a / step) * step; t <= b + step * 1e-9; t += step) out.push(t);
    return out;
  }

  function chart(id, opts) {
    var c = document.getElementById(id);
    var dpr = window.devicePixelRatio || 1;
    var W = c.parentNode.clientWidth || 1000, H = 300;
    c.width = W * dpr; c.height = H * dpr; c.style.width = W + 'px'; c.style.height = H + 'px';
    var ctx = c.getContext('2d');
    ctx.scale(dpr, dpr);
    var L = 64, R = 14, T = 10, B = 30;
    var P = D.perf;
    var t0 = P.start, t1 = Math.max(P.end, t0 + 1);
    var X = function (t) { return L + (t - t0) / (t1 - t0) * (W - L - R); };
    var ylo = opts.yMin, yhi = opts.yMax, Y;
    if (opts.log) {
      ylo = Math.pow(10, Math.floor(Math.log10(Math.max(1, ylo))));
      yhi = Math.pow(10, Math.ceil(Math.log10(Math.max(ylo * 10, yhi))));
      Y = function (v) { return T + (1 - (Math.log10(Math.max(v, ylo)) - Math.log10(ylo)) / (Math.log10(yhi) - Math.log10(ylo))) * (H - T - B); };
    } else {
      yhi = yhi > ylo ? yhi * 1.08 : ylo + 1;
      Y = function (v) { return T + (1 - (v - ylo) / (yhi - ylo)) * (H - T - B); };
    }
    ctx.font = '11px system-ui, sans-serif';
    (D.faults || []).forEach(function (f) {
      ctx.globalAlpha = 0.55;
      ctx.fillStyle = f.color;
      ctx.fillRect(X(f.start), T, Math.max(1, X(f.end) - X(f.start)), H - T - B);
    });
    ctx.globalAlpha = 1;
    ctx.strokeStyle = '#E3E6EA'; ctx.fillStyle = '#555'; ctx.lineWidth = 1;
    var yt = [];
    if (opts.log) { for (var v = ylo; v <= yhi * 1.0001; v *= 10) yt.push(v); } else yt = ticks(ylo, yhi, 5);
    ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
    yt.forEach(function (v) {
      var y = Math.round(Y(v)) + 0.5;
      ctx.beginPath(); ctx.moveTo(L, y); ctx.lineTo(W - R, y); ctx.stroke();
      ctx.fillText(opts.yFormat(v), L - 6, y);
    });
    ctx.textAlign = 'center'; ctx.textBaseline = 'top';
    ticks(0, t1 - t0, 10).forEach(function (t) {
      var x = Math.round(X(t0 + t)) + 0.5;
      ctx.beginPath(); ctx.moveTo(x, H - B); ctx.lineTo(x, H - B + 4); ctx.stroke();
      ctx.fillText(fmtSeconds(t), x, H - B + 7);
    });
    ctx.strokeStyle = '#9AA0A6';
    ctx.strokeRect(L + 0.5, T + 0.5, W - L - R, H - T - B);
    ctx.save();
    ctx.beginPath(); ctx.rect(L, T, W - L - R, H - T - B); ctx.clip();
    opts.draw(ctx, X, Y);
    ctx.restore();
    c.setAttribute('data-drawn', 'true');
    c._hover = function (e) {
      var r = c.getBoundingClientRect(), mx = e.clientX - r.left, my = e.clientY - r.top;
      if (mx < L || mx > W - R || my < T || my > H - B) { hideTip(); return; }
      var rows = opts.hover ? opts.hover(t0 + (mx - L) / (W - L - R) * (t1 - t0), mx, my, X, Y) : null;
      if (rows && rows.length) showTip(e, rows); else hideTip();
    };
    if (!c._hooked) {
      c._hooked = true;
      c.addEventListener('mousemove', function (e) { c._hover(e); });
      c.addEventListener('mouseleave', hideTip);
    }
    var legend = document.getElementById(id + '-legend');
    legend.innerHTML = '';
    append(legend, opts.legend);
    legend.appendChild(legendFamilies() || document.createTextNode(''));
  }

  function mark(ctx, shape, x, y, r) {
    ctx.beginPath();
    switch (shape) {
      case 'square': ctx.rect(x - r, y - r, 2 * r, 2 * r); break;
      case 'triangle': ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r * 1.1, y + r * 0.9); ctx.lineTo(x - r * 1.1, y + r * 0.9); ctx.closePath(); break;
      case 'diamond': ctx.moveTo(x, y - r * 1.3); ctx.lineTo(x + r * 1.1, y); ctx.lineTo(x, y + r * 1.3); ctx.lineTo(x - r * 1.1, y); ctx.closePath(); break;
      case 'cross': ctx.moveTo(x - r, y - r); ctx.lineTo(x + r, y + r); ctx.moveTo(x + r, y - r); ctx.lineTo(x - r, y + r); ctx.stroke(); return;
      case 'plus': ctx.moveTo(x - r, y); ctx.lineTo(x + r, y); ctx.moveTo(x, y - r); ctx.lineTo(x, y + r); ctx.stroke(); return;
      default: ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
    ctx.fill();
  }

  function shapeKey(shape, color, text) {
    var c = el('canvas', { width: 14, height: 14, class: 'shape' });
    var x = c.getContext('2d');
    x.fillStyle = color; x.strokeStyle = color; x.lineWidth = 1.5;
    mark(x, shape, 7, 7, 4);
    return el('span', { class: 'key' }, [c, text]);
  }
  function lineKey(color, dash, text) {
    var c = el('canvas', { width: 28, height: 10, class: 'shape' });
    var x = c.getContext('2d');
    x.strokeStyle = color; x.lineWidth = 2; x.setLineDash(dash);
    x.beginPath(); x.moveTo(1, 5); x.lineTo(27, 5); x.stroke();
    return el('span', { class: 'key' }, [c, text]);
  }

  function drawCharts() {
    var P = D.perf;
    if (!P) return;
    var pts = P.points, types = P.types;
    var maxLat = 1, minLat = Infinity;
    for (var i = 0; i < pts.latency.length; i++) {
      if (pts.latency[i] > maxLat) maxLat = pts.latency[i];
      if (pts.latency[i] > 0 && pts.latency[i] < minLat) minLat = pts.latency[i];
    }
    if (minLat === Infinity) minLat = 1;
    chart('chart-latency-raw', {
      log: true, yMin: minLat, yMax: maxLat, yFormat: fmtLatency,
      draw: function (ctx, X, Y) {
        ctx.globalAlpha = pts.t.length > 5000 ? 0.55 : 0.8;
        ctx.lineWidth = 1.2;
        [0, 2, 1].forEach(function (ty) { // ok first, so failures and info draw on top
          ctx.fillStyle = ctx.strokeStyle = TYPE_COLORS[types[ty]];
          for (var i = 0; i < pts.t.length; i++) {
            if (pts.type[i] === ty) mark(ctx, SHAPES[pts.f[i] % SHAPES.length], X(pts.t[i]), Y(pts.latency[i]), 2.6);
          }
        });
        ctx.globalAlpha = 1;
      },
      hover: function (t, mx, my, X, Y) {
        var best = -1, bd = 100;
        for (var i = 0; i < pts.t.length; i++) {
          var dx = X(pts.t[i]) - mx, dy = Y(pts.latency[i]) - my, d = dx * dx + dy * dy;
          if (d < bd) { bd = d; best = i; }
        }
        if (best < 0) return null;
        return [['op', P.fs[pts.f[best]] + ' \u00b7 ' + types[pts.type[best]], 'tip-title'],
          ['invoked at', fmtSeconds(pts.t[best] - P.start)], ['latency', fmtLatency(pts.latency[best])]].concat(faultsAt(pts.t[best]));
      },
      legend: P.fs.map(function (f, i) { return shapeKey(SHAPES[i % SHAPES.length], '#666', f); })
        .concat(types.map(function (t) { return shapeKey('square', TYPE_COLORS[t], t); }))
    });
    var qmax = 1, qmin = Infinity;
    P.quantiles.forEach(function (q) {
      q.max.forEach(function (v) { if (v > qmax) qmax = v; });
      q.p50.forEach(function (v) { if (v > 0 && v < qmin) qmin = v; });
    });
    if (qmin === Infinity) qmin = 1;
    var QS = ['p50', 'p95', 'p99', 'max'];
    chart('chart-latency-quantiles', {
      log: true, yMin: qmin, yMax: qmax, yFormat: fmtLatency,
      draw: function (ctx, X, Y) {
        P.quantiles.forEach(function (q, fi) {
          QS.forEach(function (name) {
            ctx.strokeStyle = ctx.fillStyle = QUANTILE_COLORS[name];
            ctx.lineWidth = name === 'max' ? 1.2 : 1.8;
            ctx.setLineDash(DASHES[fi % DASHES.length]);
            ctx.beginPath();
            q.t.forEach(function (t, i) { var x = X(t), y = Y(q[name][i]); if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y); });
            ctx.stroke();
            ctx.setLineDash([]);
            if (q.t.length < 150) q.t.forEach(function (t, i) { mark(ctx, SHAPES[fi % SHAPES.length], X(t), Y(q[name][i]), 2.2); });
          });
        });
      },
      hover: function (t) {
        var rows = [['at', fmtSeconds(t - P.start), 'tip-title']];
        P.quantiles.forEach(function (q) {
          var i = nearest(q.t, t);
          if (i < 0 || Math.abs(q.t[i] - t) > P.bucketNanos) return;
          rows.push([q.f, QS.map(function (n) { return n + ' ' + fmtLatency(q[n][i]); }).join(' \u00b7 ')]);
        });
        return rows.length > 1 ? rows.concat(faultsAt(t)) : null;
      },
      legend: QS.map(function (n) { return lineKey(QUANTILE_COLORS[n], [], n); })
        .concat(P.quantiles.map(function (q, i) { return lineKey('#666', DASHES[i % DASHES.length], q.f); }))
    });
    var rmax = 1;
    P.rates.forEach(function (r) { r.rate.forEach(function (v) { if (v > rmax) rmax = v; }); });
    chart('chart-rate', {
      log: false, yMin: 0, yMax: rmax, yFormat: function (v) { return v >= 1000 ? (v / 1000).toFixed(v >= 1e4 ? 0 : 1) + 'k/s' : +v.toFixed(2) + '/s'; },
      draw: function (ctx, X, Y) {
        P.rates.forEach(function (r) {
          var fi = P.fs.indexOf(r.f);
          ctx.strokeStyle = TYPE_COLORS[r.type];
          ctx.lineWidth = 1.8;
          ctx.setLineDash(DASHES[fi % DASHES.length]);
          ctx.beginPath();
          r.t.forEach(function (t, i) { var x = X(t), y = Y(r.rate[i]); if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y); });
          ctx.stroke();
        });
        ctx.setLineDash([]);
      },
      hover: function (t) {
        var rows = [['at', fmtSeconds(t - P.start), 'tip-title']];
        P.rates.forEach(function (r) {
          var i = nearest(r.t, t);
          if (i >= 0) rows.push([r.f + ' ' + r.type, (+r.rate[i].toFixed(2)) + ' /s']);
        });
        return rows.concat(faultsAt(t));
      },
      legend: types.map(function (t) { return lineKey(TYPE_COLORS[t], [], t); })
        .concat(P.fs.map(function (f, i) { return lineKey('#666', DASHES[i % DASHES.length], f); }))
    });
  }

  /** The index of the value of sorted xs nearest to x, or -1. */
  function nearest(xs, x) {
    var lo = 0, hi = xs.length - 1;
    if (hi < 0) return -1;
    while (lo < hi) { var m = (lo + hi) >> 1; if (xs[m] < x) lo = m + 1; else hi = m; }
    return lo > 0 && Math.abs(xs[lo - 1] - x) < Math.abs(xs[lo] - x) ? lo - 1 : lo;
  }

  /** Tooltip rows naming the faults in effect at time t. */
  function faultsAt(t) {
    return (D.faults || []).filter(function (f) { return f.start <= t && t <= f.end; }).map(function (f) {
      return ['fault', f.family + ' (' + f.f + (f.value ? ' ' + f.value : '') + ')'];
    });
  }

  // ---------- unique elements (set, queue) ----------
  /** The findings of a checker of unique elements: counts, then each lost element at its acknowledgement time. */
  function elementsSection() {
    var E = D.elements;
    if (!E) return null;
    var c = E.counts || {};
    var table = el('table', { class: 'counts' }, [
      el('thead', null, el('tr', null, Object.keys(c).map(function (k) { return el('th', { text: k.replace(/-count$/, '') }); }))),
      el('tbody', null, el('tr', null, Object.keys(c).map(function (k) {
        return el('td', { class: /^(lost|unexpected|divergent)/.test(k) && c[k] > 0 ? 'bad' : null, text: num(c[k]) });
      })))]);
    var parts = [table];
    if (E['read-lengths']) {
      parts.push(el('p', null, 'Final read of each node (messages): ' + Object.keys(E['read-lengths']).map(function (n) {
        return n + ' ' + num(E['read-lengths'][n]);
      }).join(', ') + (E.lagging && E.lagging.length ? '; behind the longest: ' + E.lagging.join(', ') : '') + '.'));
    }
    if (E.divergent && Object.keys(E.divergent).length) {
      parts.push(el('p', { class: 'bad' }, 'Divergent replicas (first position where each disagrees with the longest read): ' +
        Object.keys(E.divergent).map(function (n) { return n + ' at ' + E.divergent[n].index + ' (' + E.divergent[n].value + ')'; }).join(', ')));
    }
    var lost = E.lost || [];
    if (!lost.length) {
      parts.push(el('p', { class: 'muted', text: 'No acknowledged element was lost.' }));
    } else if (E.ackTimes) {
      parts.push(el('h3', { text: 'Lost elements, at the time each was acknowledged' }), lostStrip(lost));
      parts.push(el('table', { class: 'counts' }, [
        el('thead', null, el('tr', null, ['element', 'acknowledged at', 'faults in effect'].map(function (h) { return el('th', { text: h }); }))),
        el('tbody', null, lost.slice(0, 200).map(function (p) {
          return el('tr', null, [el('td', { text: String(p[0]) }), el('td', { text: fmtSeconds(p[1] - (D.perf ? D.perf.start : 0)) }),
            el('td', { text: faultsAt(p[1]).map(function (r) { return r[1]; }).join('; ') || 'none' })]);
        }))]));
      if (lost.length > 200) parts.push(el('p', { class: 'muted', text: (lost.length - 200) + ' more lost elements are on the strip above and in results.json.' }));
    } else {
      parts.push(el('p', { class: 'bad', text: 'Lost: ' + lost.slice(0, 200).join(', ') + (lost.length > 200 ? ', \u2026' : '') }));
    }
    return section('elements', 'Lost, duplicated and unexpected elements', parts);
  }

  /** The faults as shaded bands, and a red tick per lost element at its acknowledgement time. */
  function lostStrip(lost) {
    var W = Math.max(600, (document.getElementById('app').clientWidth || 1300) - 82), H = 60, left = 84;
    var t0 = D.perf ? D.perf.start : 0, t1 = Math.max(t0 + 1, D.duration || 1);
    var X = function (t) { return left + (t - t0) / (t1 - t0) * (W - left - 10); };
    var s = svg('svg', { width: W, height: H, class: 'fault-strip', id: 'lost-timeline' });
    (D.faults || []).forEach(function (f) {
      s.appendChild(svg('rect', { x: X(f.start), y: 4, width: Math.max(2, X(f.end) - X(f.start)), height: 30, fill: f.color, class: 'fault' }));
    });
    s.appendChild(svg('text', { x: left - 8, y: 24, 'text-anchor': 'end', class: 'lane-label' }, 'lost acks'));
    lost.forEach(function (p) {
      var tick = svg('line', { x1: X(p[1]), x2: X(p[1]), y1: 4, y2: 34, stroke: '#c0392b', 'stroke-width': 2, class: 'lost-ack' });
      tick.addEventListener('mousemove', function (e) {
        showTip(e, [['lost', String(p[0]), 'tip-title'], ['acknowledged at', fmtSeconds(p[1] - t0)]].concat(faultsAt(p[1])));
      });
      tick.addEventListener('mouseleave', hideTip);
      s.appendChild(tick);
    });
    ticks(0, t1 - t0, 8).forEach(function (t) {
      s.appendChild(svg('text', { x: X(t0 + t), y: H - 6, 'text-anchor': 'middle', class: 'tick' }, fmtSeconds(t)));
    });
    return s;
  }

  // ---------- page ----------
  var app = document.getElementById('app');
  app.innerHTML = '';
  append(app, [header(), el('nav', { class: 'toc' }, [
    el('a', { href: '#summary', text: 'Summary' }),
    D.lin ? el('a', { href: '#linearizability', text: 'Linearizability' }) : null,
    D.elements ? el('a', { href: '#elements', text: 'Elements' }) : null,
    D.perf ? el('a', { href: '#performance', text: 'Performance' }) : null
  ]), summary(), linSection(), elementsSection(), perfSection(),
  el('footer', { class: 'muted', text: D.kind === 'run'
    ? 'Faultline report \u00b7 drawn from the run\u2019s stored files; rebuild it with ./faultline report RUN_DIR.'
    : 'Faultline report \u00b7 written by ./faultline check --html.' })]);
  (D.lin ? D.lin.keys : []).forEach(function (k) { if (k._details && k._details.open) k._build(); });
  drawCharts();
  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(drawCharts, 150);
  });
  if (location.hash === '#first-error') jumpToFirstError();
  if (document.body.getAttribute('data-ok') !== 'false') document.body.setAttribute('data-ok', 'true');
  // milliseconds from the start of navigation until the page was drawn, for measuring large reports
  document.body.setAttribute('data-drawn-ms', String(Math.round(performance.now())));
})();
