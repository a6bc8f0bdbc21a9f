/* ceasefire dashboard and report: renders the views from JSON data.
 * Every piece of text from the database goes into the page through
 * textContent / createTextNode, never innerHTML, so document text that holds
 * markup shows as text. The same file runs in the served dashboard
 * (data-mode="server") and inlined in the static report (data-mode="report"). */
(function () {
  'use strict';

  var QUAD = {
    1: { name: 'Verbal cooperation', color: '#6baed6' },
    2: { name: 'Material cooperation', color: '#2166ac' },
    3: { name: 'Verbal conflict', color: '#f4a259' },
    4: { name: 'Material conflict', color: '#b2182b' }
  };
  var FONT = { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 13, color: '#1f2933' };
  var CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ['lasso2d', 'select2d'] };
  var MODE = document.body.getAttribute('data-mode') || 'server';

  function layout(extra) {
    var base = {
      font: FONT, paper_bgcolor: '#ffffff', plot_bgcolor: '#ffffff',
      margin: { l: 70, r: 24, t: 36, b: 56 }, hoverlabel: { font: { size: 13 } },
      legend: { orientation: 'h', y: -0.18 },
      xaxis: { gridcolor: '#e6e9ee', zeroline: false, automargin: true },
      yaxis: { gridcolor: '#e6e9ee', zeroline: false, automargin: true }
    };
    Object.keys(extra || {}).forEach(function (k) {
      if (base[k] && typeof base[k] === 'object' && !Array.isArray(base[k])) {
        base[k] = Object.assign({}, base[k], extra[k]);
      } else { base[k] = extra[k]; }
    });
    return base;
  }

  // -- DOM helpers ------------------------------------------------------------
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') node.textContent = String(v);
      else if (k === 'cls') node.className = v;
      else if (k === 'on') Object.keys(v).forEach(function (ev) { node.addEventListener(ev, v[ev]); });
      else node.setAttribute(k, v === true ? '' : String(v));
    });
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  function fmt(v) { return v === null || v === undefined ? '—' : String(v); }
  function actorLabel(code, name) {
    if (!code) return '—';
    return name && name !== code ? name + ' (' + code + ')' : code;
  }
  function docHref(docId, eventId) {
    if (MODE === 'report') {
      return '#doc=' + encodeURIComponent(docId) + (eventId ? '&ev=' + encodeURIComponent(eventId) : '');
    }
    return '/documents/' + encodeURIComponent(docId) + (eventId ? '#ev-' + encodeURIComponent(eventId) : '');
  }
  function quadBadge(q) {
    if (!QUAD[q]) return el('span', { cls: 'badge', text: '—' });
    return el('span', { cls: 'badge q' + q, title: QUAD[q].name, text: 'Q' + q });
  }
  function card(label, value, note) {
    return el('div', { cls: 'card' }, el('div', { cls: 'card-value', text: fmt(value) }),
      el('div', { cls: 'card-label', text: label }), note ? el('div', { cls: 'card-note', text: note }) : null);
  }
  function chart(id, cls) { return el('div', { id: id, cls: 'chart ' + (cls || '') }); }
  function section(title, intro) {
    return el('div', { cls: 'panel' }, el('h2', { text: title }), intro ? el('p', { cls: 'muted', text: intro }) : null);
  }

  /* A table: columns are {label, key | render(row) -> Node|string, cls}. */
  function table(columns, rows, opts) {
    opts = opts || {};
    var thead = el('thead', null, el('tr', null, columns.map(function (c) {
      return el('th', { cls: c.cls, scope: 'col', text: c.label });
    })));
    var tbody = el('tbody');
    rows.forEach(function (row) {
      var tr = el('tr', { cls: opts.rowClass ? opts.rowClass(row) : null });
      if (opts.href) {
        var href = opts.href(row);
        if (href) {
          tr.classList.add('clickable');
          tr.setAttribute('data-href', href);
          tr.addEventListener('click', function (ev) {
            if (ev.target.closest('a')) return;
            window.location.href = href;
          });
        }
      }
      columns.forEach(function (c) {
        var value = c.render ? c.render(row) : fmt(row[c.key]);
        tr.appendChild(el('td', { cls: c.cls }, value));
      });
      tbody.appendChild(tr);
    });
    var wrap = el('div', { cls: 'table-wrap' }, el('table', { cls: 'data ' + (opts.cls || '') }, thead, tbody));
    if (!rows.length) wrap.appendChild(el('p', { cls: 'empty', text: opts.empty || 'Nothing to show.' }));
    return wrap;
  }
  function sourceLinks(sources) {
    var seen = {};
    return el('span', { cls: 'sources' }, sources.filter(function (s) {
      if (seen[s.doc_id]) return false; seen[s.doc_id] = true; return true;
    }).map(function (s) {
      return el('a', { href: docHref(s.doc_id, s.event_id), title: s.sentence || '', text: s.publisher || s.title || s.doc_id });
    }));
  }
  function plot(id, traces, lay) {
    var node = document.getElementById(id);
    if (!node || typeof Plotly === 'undefined') return;
    Plotly.newPlot(node, traces, layout(lay), CONFIG);
  }
  function midDate(date, precision) {
    if (!date) return null;
    if (precision === 'month' || date.length === 7) return date + '-15';
    if (precision === 'year' || date.length === 4) return date + '-07-01';
    return date;
  }

  // -- views -----------------------------------------------------------------------
  var views = {};

  views.overview = function (root, data) {
    var c = data.counts || {};
    root.appendChild(el('div', { cls: 'cards' },
      card('documents', c.documents), card('events', c.events), card('claims', c.claims),
      card('agreements', c.agreements), card('actors', c.actors),
      card('first event', data.first_event), card('last event', data.last_event)));
    var grid = el('div', { cls: 'grid2' });
    grid.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Events per month by quad class' }), chart('chart-months')));
    grid.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Most active actors' }), chart('chart-actors')));
    root.appendChild(grid);
    root.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Events by type' }), chart('chart-types', 'short')));
    var months = [];
    (data.by_month || []).forEach(function (r) { if (months.indexOf(r.month) < 0) months.push(r.month); });
    var traces = [1, 2, 3, 4].map(function (q) {
      return {
        type: 'bar', name: QUAD[q].name, marker: { color: QUAD[q].color }, x: months,
        y: months.map(function (m) {
          var r = (data.by_month || []).find(function (x) { return x.month === m && x.quad_class === q; });
          return r ? r.n : 0;
        })
      };
    });
    plot('chart-months', traces, { barmode: 'stack', legend: { orientation: 'h', y: -0.15, traceorder: 'normal' }, xaxis: { type: 'category' }, yaxis: { title: { text: 'events' } } });
    var actors = (data.top_actors || []).slice().reverse();
    plot('chart-actors', [{
      type: 'bar', orientation: 'h', marker: { color: '#3b6ea5' },
      y: actors.map(function (a) { return actorLabel(a.id, a.name); }), x: actors.map(function (a) { return a.events; }),
      hovertemplate: '%{y}: %{x} events<extra></extra>'
    }], { margin: { l: 200 }, xaxis: { title: { text: 'events' } }, showlegend: false });
    var types = data.by_type || [];
    plot('chart-types', [{
      type: 'bar', marker: { color: '#52606d' }, x: types.map(function (t) { return t.type; }),
      y: types.map(function (t) { return t.n; }), hovertemplate: '%{x}: %{y}<extra></extra>'
    }], { showlegend: false, yaxis: { title: { text: 'events' } } });
  };

  views.chronology = function (root, rows) {
    root.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Timeline' }),
      el('p', { cls: 'muted', text: 'One marker per event (several reports of the same event are merged). Size grows with the number of sources; colour is the quad class. Negated events are hollow.' }),
      chart('chart-timeline', 'tall')));
    var dated = rows.filter(function (r) { return r.date; });
    var types = [];
    dated.forEach(function (r) { if (types.indexOf(r.type) < 0) types.push(r.type); });
    types.sort();
    var traces = [1, 2, 3, 4].map(function (q) {
      var rs = dated.filter(function (r) { return r.quad_class === q; });
      return {
        type: 'scatter', mode: 'markers', name: QUAD[q].name,
        x: rs.map(function (r) { return midDate(r.date, r.date_precision); }),
        y: rs.map(function (r) { return r.type; }),
        text: rs.map(function (r) {
          return r.date + ' · ' + fmt(r.source) + ' → ' + fmt(r.target) + (r.location ? ' · ' + r.location : '') +
            '<br>' + r.n_sources + ' source' + (r.n_sources === 1 ? '' : 's') + (r.negated ? ' · negated' : '');
        }),
        hovertemplate: '%{y}<br>%{text}<extra></extra>',
        marker: {
          color: QUAD[q].color, size: rs.map(function (r) { return 9 + 4 * Math.min(r.n_sources, 5); }),
          symbol: rs.map(function (r) { return r.negated ? 'circle-open' : 'circle'; }),
          line: { color: '#ffffff', width: 1 }, opacity: 0.85
        }
      };
    }).filter(function (t) { return t.x.length; });
    plot('chart-timeline', traces, {
      xaxis: { type: 'date', title: { text: 'date' } },
      yaxis: { type: 'category', categoryorder: 'array', categoryarray: types },
      margin: { l: 110 }, hovermode: 'closest'
    });
    root.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Chronology' }), table([
      { label: 'Date', render: function (r) { return el('span', { cls: 'nowrap' }, fmt(r.date), r.date_precision && r.date_precision !== 'day' ? el('span', { cls: 'muted', text: ' (' + r.date_precision + ')' }) : null); } },
      { label: 'Type', render: function (r) { return el('span', null, quadBadge(r.quad_class), ' ', r.type, r.mode ? el('span', { cls: 'muted', text: ' · ' + r.mode }) : null, r.negated ? el('span', { cls: 'tag neg', text: 'negated' }) : null); } },
      { label: 'Source → target', render: function (r) { return actorLabel(r.source, r.source_name) + ' → ' + actorLabel(r.target, r.target_name); } },
      { label: 'Where', key: 'location' },
      { label: 'Sentence', cls: 'sentence', render: function (r) { return r.sources[0] ? r.sources[0].sentence : ''; } },
      { label: 'Sources', render: function (r) { return sourceLinks(r.sources); } }
    ], rows, { href: function (r) { return r.sources[0] ? docHref(r.sources[0].doc_id, r.sources[0].event_id) : null; } })));
  };

  views.dyads = function (root, rows) {
    var pairs = {};
    rows.forEach(function (r) {
      var key = r.source + '→' + r.target;
      if (!pairs[key]) pairs[key] = { key: key, source: r.source, target: r.target, sname: r.source_name, tname: r.target_name, rows: [], events: 0 };
      pairs[key].rows.push(r); pairs[key].events += r.events;
    });
    var list = Object.keys(pairs).map(function (k) { return pairs[k]; }).sort(function (a, b) { return b.events - a.events || (a.key < b.key ? -1 : 1); });
    root.appendChild(el('p', { cls: 'muted', text: 'Each chart is one directed pair of actors: stacked bars count events per month by quad class, the line is the summed Goldstein score (right axis). Negated and hypothetical events are left out.' }));
    root.appendChild(el('p', { cls: 'legend' }, [1, 2, 3, 4].map(function (q) {
      return el('span', { cls: 'key' }, el('span', { cls: 'swatch', style: 'background:' + QUAD[q].color }), QUAD[q].name);
    }), el('span', { cls: 'key' }, el('span', { cls: 'swatch line' }), 'Goldstein (sum)')));
    var grid = el('div', { cls: 'grid2' });
    root.appendChild(grid);
    var shown = list.slice(0, 16);
    shown.forEach(function (p, i) {
      grid.appendChild(el('div', { cls: 'panel' }, el('h3', { text: actorLabel(p.source, p.sname) + ' → ' + actorLabel(p.target, p.tname) }),
        el('p', { cls: 'muted', text: p.events + ' events' }), chart('chart-dyad-' + i, 'small')));
    });
    shown.forEach(function (p, i) {
      var months = p.rows.map(function (r) { return r.month || 'undated'; });
      var traces = [1, 2, 3, 4].map(function (q) {
        return { type: 'bar', name: QUAD[q].name, marker: { color: QUAD[q].color }, x: months, y: p.rows.map(function (r) { return r['q' + q]; }) };
      });
      traces.push({ type: 'scatter', mode: 'lines+markers', name: 'Goldstein (sum)', x: months, y: p.rows.map(function (r) { return r.goldstein; }), yaxis: 'y2', line: { color: '#1f2933', width: 2 }, marker: { size: 6 } });
      var gmax = Math.max(1, Math.max.apply(null, p.rows.map(function (r) { return Math.abs(r.goldstein); })));
      var g = [2, 4, 10, 20, 40, 100, 200, 400, 1000, 2000, 4000, 10000].find(function (v) { return v >= gmax * 1.05; }) || gmax * 1.2;
      var top = Math.max.apply(null, p.rows.map(function (r) { return r.events; }));
      plot('chart-dyad-' + i, traces, {
        barmode: 'stack', margin: { l: 56, r: 64, t: 10, b: 40 }, showlegend: false,
        xaxis: { type: 'category' },
        yaxis: { title: { text: 'events' }, rangemode: 'tozero', tickformat: 'd', dtick: top <= 6 ? 1 : null },
        yaxis2: { overlaying: 'y', side: 'right', title: { text: 'Goldstein', standoff: 4 }, range: [-g, g], dtick: g / 2, tickformat: 'd', zeroline: true, zerolinecolor: '#9aa5b1', showgrid: false, automargin: true }
      });
    });
    if (list.length > shown.length) root.appendChild(el('p', { cls: 'muted', text: (list.length - shown.length) + ' more pairs in the table below.' }));
    root.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'All dyads' }), table([
      { label: 'Source', render: function (r) { return actorLabel(r.source, r.source_name); } },
      { label: 'Target', render: function (r) { return actorLabel(r.target, r.target_name); } },
      { label: 'Month', key: 'month' }, { label: 'Events', key: 'events', cls: 'num' },
      { label: 'Q1', key: 'q1', cls: 'num' }, { label: 'Q2', key: 'q2', cls: 'num' },
      { label: 'Q3', key: 'q3', cls: 'num' }, { label: 'Q4', key: 'q4', cls: 'num' },
      { label: 'Goldstein', key: 'goldstein', cls: 'num' }
    ], rows, { href: function (r) {
      if (MODE !== 'server' || !r.month) return null;
      var m = /^(\d{4})-(\d{2})/.exec(r.month);
      if (!m) return null;
      var last = new Date(Date.UTC(+m[1], +m[2], 0)).getUTCDate();
      return '/events?' + new URLSearchParams({ actor: r.source, since: m[1] + '-' + m[2] + '-01', until: m[1] + '-' + m[2] + '-' + (last < 10 ? '0' : '') + last }).toString();
    } })));
  };

  views.network = function (root, net) {
    root.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Actor network' }),
      el('p', { cls: 'muted', text: 'Nodes are actors (top codes), sized by the events they take part in and coloured by betweenness centrality. Arrows point from source to target; red edges are on average conflictual, blue cooperative; width grows with the event count. Drag to pan, scroll to zoom.' }),
      chart('chart-network', 'tall')));
    var pos = {};
    net.nodes.forEach(function (n) { pos[n.id] = n; });
    var maxW = Math.max.apply(null, [1].concat(net.edges.map(function (e) { return e.weight; })));
    var traces = net.edges.map(function (e) {
      var a = pos[e.source], b = pos[e.target];
      return {
        type: 'scatter', mode: 'lines', hoverinfo: 'skip', showlegend: false,
        x: [a.x, b.x], y: [a.y, b.y],
        line: { width: 1.5 + 6 * e.weight / maxW, color: e.goldstein < 0 ? 'rgba(178,24,43,0.55)' : 'rgba(33,102,172,0.55)' }
      };
    });
    // invisible midpoints carry the edge hover text
    traces.push({
      type: 'scatter', mode: 'markers', showlegend: false, marker: { size: 14, opacity: 0 },
      x: net.edges.map(function (e) { return pos[e.source].x * 0.45 + pos[e.target].x * 0.55; }),
      y: net.edges.map(function (e) { return pos[e.source].y * 0.45 + pos[e.target].y * 0.55; }),
      text: net.edges.map(function (e) { return e.source + ' → ' + e.target + ': ' + e.weight + ' events, mean Goldstein ' + e.goldstein; }),
      hovertemplate: '%{text}<extra></extra>'
    });
    var maxE = Math.max.apply(null, [1].concat(net.nodes.map(function (n) { return n.events; })));
    traces.push({
      type: 'scatter', mode: 'markers+text', name: 'actors', showlegend: false,
      x: net.nodes.map(function (n) { return n.x; }), y: net.nodes.map(function (n) { return n.y; }),
      text: net.nodes.map(function (n) { return n.id; }), textposition: 'top center',
      textfont: { size: 14, color: '#1f2933' },
      customdata: net.nodes.map(function (n) { return [n.name, n.events, n.degree, n.betweenness]; }),
      hovertemplate: '<b>%{customdata[0]}</b><br>%{customdata[1]} events<br>degree %{customdata[2]}<br>betweenness %{customdata[3]}<extra></extra>',
      marker: {
        size: net.nodes.map(function (n) { return 18 + 34 * Math.sqrt(n.events / maxE); }),
        color: net.nodes.map(function (n) { return n.betweenness; }), colorscale: 'YlGnBu', reversescale: false,
        cmin: 0, showscale: true, colorbar: { title: { text: 'betweenness' }, thickness: 12 },
        line: { color: '#1f2933', width: 1 }
      }
    });
    var annotations = net.edges.map(function (e) {
      var a = pos[e.source], b = pos[e.target];
      return {
        x: a.x * 0.25 + b.x * 0.75, y: a.y * 0.25 + b.y * 0.75, ax: a.x * 0.4 + b.x * 0.6, ay: a.y * 0.4 + b.y * 0.6,
        xref: 'x', yref: 'y', axref: 'x', ayref: 'y', showarrow: true, arrowhead: 2, arrowsize: 1.4, arrowwidth: 1.5,
        arrowcolor: e.goldstein < 0 ? '#b2182b' : '#2166ac', text: ''
      };
    });
    plot('chart-network', traces, {
      annotations: annotations, hovermode: 'closest', dragmode: 'pan', margin: { l: 20, r: 20, t: 20, b: 20 },
      xaxis: { visible: false, showgrid: false }, yaxis: { visible: false, showgrid: false, scaleanchor: 'x' }
    });
    var grid = el('div', { cls: 'grid2' });
    grid.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Actors' }), table([
      { label: 'Actor', render: function (n) { return actorLabel(n.id, n.name); } },
      { label: 'Events', key: 'events', cls: 'num' }, { label: 'Degree', key: 'degree', cls: 'num' },
      { label: 'Betweenness', key: 'betweenness', cls: 'num' }
    ], net.nodes.slice().sort(function (a, b) { return b.events - a.events; }))));
    grid.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Edges' }), table([
      { label: 'Source', key: 'source' }, { label: 'Target', key: 'target' },
      { label: 'Events', key: 'weight', cls: 'num' }, { label: 'Mean Goldstein', key: 'goldstein', cls: 'num' }
    ], net.edges.slice().sort(function (a, b) { return b.weight - a.weight; }))));
    root.appendChild(grid);
  };

  views.map = function (root, points) {
    root.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Where events happened' }),
      el('p', { cls: 'muted', text: 'Events with coordinates, one circle per place, sized by the number of events and coloured by the dominant quad class. Drawn on plain longitude/latitude axes so the map works offline (no country outlines).' }),
      chart('chart-map', 'medium')));
    root.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Around the busiest area' }),
      el('p', { cls: 'muted', text: 'The same places, zoomed to ±2.5° around the median place, with names.' }), chart('chart-map-zoom', 'medium')));
    var dominant = function (p) {
      var best = 4, n = -1;
      [4, 3, 2, 1].forEach(function (q) { if (p['q' + q] > n) { n = p['q' + q]; best = q; } });
      return best;
    };
    var maxE = Math.max.apply(null, [1].concat(points.map(function (p) { return p.events; })));
    var traces = [1, 2, 3, 4].map(function (q) {
      var ps = points.filter(function (p) { return dominant(p) === q; });
      return {
        type: 'scatter', mode: 'markers+text', name: QUAD[q].name,
        x: ps.map(function (p) { return p.lon; }), y: ps.map(function (p) { return p.lat; }),
        text: ps.map(function (p) { return p.name; }), textfont: { size: 12 },
        textposition: ps.map(function (p) { return points.indexOf(p) % 2 ? 'bottom center' : 'top center'; }),
        customdata: ps.map(function (p) { return [p.events, p.country || '', p.first || '', p.last || '']; }),
        hovertemplate: '<b>%{text}</b> (%{customdata[1]})<br>%{customdata[0]} events<br>%{customdata[2]} – %{customdata[3]}<br>%{y:.3f}°N %{x:.3f}°E<extra></extra>',
        marker: { color: QUAD[q].color, opacity: 0.8, line: { color: '#fff', width: 1 }, size: ps.map(function (p) { return 12 + 30 * Math.sqrt(p.events / maxE); }) }
      };
    }).filter(function (t) { return t.x.length; });
    var lats = points.map(function (p) { return p.lat; }).sort(function (a, b) { return a - b; });
    var lons = points.map(function (p) { return p.lon; }).sort(function (a, b) { return a - b; });
    var median = function (xs) { return xs.length ? xs[Math.floor(xs.length / 2)] : 0; };
    var cLat = median(lats), cLon = median(lons);
    var ratio = 1 / Math.max(0.2, Math.cos(cLat * Math.PI / 180));
    var geo = function (extra) {
      return Object.assign({ hovermode: 'closest', plot_bgcolor: '#f7f9fb',
        xaxis: Object.assign({ title: { text: 'longitude (°E)' }, gridcolor: '#e3e8ee' }, extra.x || {}),
        yaxis: Object.assign({ title: { text: 'latitude (°N)' }, gridcolor: '#e3e8ee', scaleanchor: 'x', scaleratio: ratio }, extra.y || {}) }, extra.layout || {});
    };
    var noText = traces.map(function (t) { return Object.assign({}, t, { mode: 'markers' }); });
    plot('chart-map', noText, geo({}));
    var near = points.filter(function (p) { return Math.abs(p.lat - cLat) <= 2 && Math.abs(p.lon - cLon) <= 2.5; });
    if (near.length > 1) {
      plot('chart-map-zoom', traces, geo({ x: { range: [cLon - 2.5, cLon + 2.5] }, y: { range: [cLat - 1.6, cLat + 1.6] }, layout: { showlegend: false } }));
    } else {
      document.getElementById('chart-map-zoom').parentNode.classList.add('hidden');
    }
    root.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Places' }), table([
      { label: 'Place', key: 'name' }, { label: 'Country', key: 'country' },
      { label: 'Lat', render: function (p) { return p.lat.toFixed(3); }, cls: 'num' },
      { label: 'Lon', render: function (p) { return p.lon.toFixed(3); }, cls: 'num' },
      { label: 'Events', key: 'events', cls: 'num' }, { label: 'Material conflict', key: 'q4', cls: 'num' },
      { label: 'First', key: 'first' }, { label: 'Last', key: 'last' }
    ], points)));
  };

  function violationList(items) {
    if (!items.length) return el('span', { cls: 'muted', text: 'none reported' });
    return el('ul', { cls: 'violations' }, items.map(function (v) {
      return el('li', null, el('span', { cls: 'nowrap', text: fmt(v.date) }), ' ', v.type, ' ', fmt(v.source), ' → ', fmt(v.target),
        v.location ? ' at ' + v.location : '', ' — ', el('a', { href: docHref(v.doc_id, v.event_id), text: v.publisher || v.title || v.doc_id }),
        el('div', { cls: 'quote', text: v.sentence }));
    }));
  }

  views.ceasefires = function (root, data) {
    var rows = data.ceasefires || [];
    root.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Agreements and what followed' }),
      el('p', { cls: 'muted', text: 'Each row is an agreement; the marks show how many days after it its parties accused each other of violations (triangles) or were reported attacking each other (crosses), up to the next agreement among the same parties.' }),
      chart('chart-ceasefires', 'medium')));
    var names = rows.map(function (r) { return r.name + ' (' + fmt(r.date) + ')'; });
    var traces = [];
    var DAY = 86400000;
    [['accusations', 'accusation of violation', 'triangle-up', '#e08214'], ['assaults', 'reported assault', 'x', '#b2182b']].forEach(function (spec) {
      var xs = [], ys = [], ts = [];
      rows.forEach(function (r, i) {
        if (!r.date) return;
        r[spec[0]].forEach(function (v) {
          var days = Math.max(1, Math.round((Date.parse(midDate(v.date, v.date_precision)) - Date.parse(midDate(r.date, null))) / DAY));
          xs.push(days); ys.push(names[i]);
          ts.push(days + ' days after · ' + v.date + ' · ' + fmt(v.source) + ' → ' + fmt(v.target) + ' (' + (v.publisher || v.doc_id) + ')');
        });
      });
      traces.push({ type: 'scatter', mode: 'markers', name: spec[1], x: xs, y: ys, text: ts, hovertemplate: '%{text}<extra></extra>', marker: { symbol: spec[2], size: 12, color: spec[3], line: { width: 1.5, color: spec[3] } } });
    });
    traces.push({ type: 'scatter', mode: 'markers', name: 'no report yet', x: rows.filter(function (r) { return r.days_to_first_violation === null; }).map(function () { return 1; }), y: names.filter(function (n, i) { return rows[i].days_to_first_violation === null; }), marker: { symbol: 'circle-open', size: 10, color: '#9aa5b1' }, hovertemplate: '%{y}: nothing reported<extra></extra>' });
    plot('chart-ceasefires', traces, {
      xaxis: { type: 'log', title: { text: 'days after the agreement (log scale)' }, dtick: 1 },
      legend: { orientation: 'h', y: -0.28 },
      yaxis: { type: 'category', categoryorder: 'array', categoryarray: names.slice().reverse() },
      margin: { l: 260 }, hovermode: 'closest'
    });
    root.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Ceasefire tracker' }), table([
      { label: 'Agreement', render: function (r) { return el('span', null, el('strong', { text: r.name }), el('div', { cls: 'muted', text: (r.kind || '') + (r.origin ? ' · ' + r.origin : '') })); } },
      { label: 'Date', render: function (r) { return el('span', { cls: 'nowrap', text: fmt(r.date) }); } },
      { label: 'Parties', render: function (r) { return r.party_names.join(', '); } },
      { label: 'Brokers', render: function (r) { return r.broker_names.length ? r.broker_names.join(', ') : '—'; } },
      { label: 'Place', key: 'place' },
      { label: 'Accusations', key: 'n_accusations', cls: 'num' },
      { label: 'Assaults', key: 'n_assaults', cls: 'num' },
      { label: 'Days to first violation', render: function (r) { return r.days_to_first_violation === null ? '—' : el('span', { cls: r.days_to_first_violation <= 7 ? 'tag neg' : 'tag', text: String(r.days_to_first_violation) }); }, cls: 'num' },
      { label: 'Reported after', cls: 'wide', render: function (r) {
        var all = r.accusations.concat(r.assaults).sort(function (a, b) { return a.date < b.date ? -1 : 1; });
        var d = el('details', null, el('summary', { text: all.length + ' report' + (all.length === 1 ? '' : 's') + (r.window_end ? ' until ' + r.window_end : '') }), violationList(all));
        return d;
      } }
    ], rows, { cls: 'ceasefires' })));
    var med = data.mediation || [];
    root.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Mediation track' }),
      el('p', { cls: 'muted', text: 'Meetings and talks, and agreements that involve a third party.' }), table([
        { label: 'Date', render: function (r) { return el('span', { cls: 'nowrap', text: fmt(r.date) }); } },
        { label: 'Type', key: 'type' },
        { label: 'Participants', render: function (r) { return r.participant_names.join(', '); } },
        { label: 'Mediator', render: function (r) { return r.mediator_names.length ? r.mediator_names.join(', ') : '—'; } },
        { label: 'Format', render: function (r) { return r.format + ' · ' + r.channel; } },
        { label: 'Where', key: 'location' },
        { label: 'Sources', render: function (r) { return sourceLinks(r.sources); } }
      ], med, { href: function (r) { return docHref(r.sources[0].doc_id, r.sources[0].event_id); } })));
  };

  views.claims = function (root, groups) {
    var multi = groups.filter(function (g) { return g.sources.length > 1; });
    root.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Figures that sources give for the same thing' }),
      el('p', { cls: 'muted', text: 'One row per kind of figure, group, category and month; each dot is one source. Red rows: the sources differ by more than 10 %. Log scale.' }),
      chart('chart-claims', 'medium')));
    var label = function (g) { return g.kind + ' · ' + fmt(g.about) + ' ' + fmt(g.category) + ' · ' + fmt(g.period); };
    var shown = (multi.length ? multi : groups).slice(0, 30);
    var xs = [], ys = [], ts = [], cs = [];
    var lines = [];
    shown.forEach(function (g) {
      g.sources.forEach(function (s) {
        if (s.value === null) return;
        xs.push(s.value); ys.push(label(g)); cs.push(g.disagree ? '#b2182b' : '#2166ac');
        ts.push((s.publisher || s.doc_id) + (s.attributed_name ? ', citing ' + s.attributed_name : '') + ': ' + s.value);
      });
      if (g.min !== null) lines.push({ type: 'scatter', mode: 'lines', showlegend: false, hoverinfo: 'skip', x: [g.min, g.max], y: [label(g), label(g)], line: { color: g.disagree ? 'rgba(178,24,43,0.4)' : 'rgba(33,102,172,0.4)', width: 6 } });
    });
    plot('chart-claims', lines.concat([{ type: 'scatter', mode: 'markers', showlegend: false, x: xs, y: ys, text: ts, hovertemplate: '%{text}<extra></extra>', marker: { size: 12, color: cs, line: { color: '#fff', width: 1 } } }]),
      { xaxis: { type: 'log', title: { text: 'figure (log scale)' } }, yaxis: { type: 'category', autorange: 'reversed' }, margin: { l: 300 }, hovermode: 'closest' });
    root.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Claims compared' }), table([
      { label: 'Kind', key: 'kind' },
      { label: 'About', render: function (g) { return actorLabel(g.about, g.about_name); } },
      { label: 'Category', key: 'category' },
      { label: 'Period', render: function (g) { return el('span', null, fmt(g.period), g.period_from === 'published' ? el('span', { cls: 'muted', text: ' (publication)' }) : null); } },
      { label: 'Sources and figures', cls: 'wide', render: function (g) {
        return el('ul', { cls: 'figures' }, g.sources.map(function (s) {
          var range = s.low !== null && s.high !== null && s.low !== s.high ? ' (' + s.low + '–' + s.high + ')' : '';
          return el('li', null, el('strong', { text: fmt(s.value) + range }), ' — ',
            el('a', { href: docHref(s.doc_id, null), title: s.sentence, text: s.publisher || s.title || s.doc_id }),
            s.attributed_name ? el('span', { cls: 'muted', text: ', citing ' + s.attributed_name }) : null);
        }));
      } },
      { label: 'Min', key: 'min', cls: 'num' }, { label: 'Max', key: 'max', cls: 'num' },
      { label: 'Spread', render: function (g) { return g.spread_pct === null ? '—' : g.spread_pct + ' %'; }, cls: 'num' },
      { label: '', render: function (g) { return g.disagree ? el('span', { cls: 'tag neg', text: 'disagree' }) : (g.sources.length > 1 ? el('span', { cls: 'tag ok', text: 'agree' }) : el('span', { cls: 'muted', text: 'one source' })); } }
    ], groups, { rowClass: function (g) { return g.disagree ? 'disagree' : null; } })));
  };

  function eventColumns() {
    return [
      { label: 'Date', render: function (e) { return el('span', { cls: 'nowrap', text: fmt(e.date) }); } },
      { label: 'Type', render: function (e) { return el('span', null, quadBadge(e.quad_class), ' ', e.type, e.mode ? el('span', { cls: 'muted', text: ' · ' + e.mode }) : null, e.negated ? el('span', { cls: 'tag neg', text: 'negated' }) : null, e.hypothetical ? el('span', { cls: 'tag', text: 'hypothetical' }) : null); } },
      { label: 'Source', render: function (e) { return e.source ? e.source.id : '—'; } },
      { label: 'Target', render: function (e) { return e.target ? e.target.id : '—'; } },
      { label: 'Where', render: function (e) { return e.location ? e.location.name : '—'; } },
      { label: 'Sentence', cls: 'sentence', render: function (e) { return e.sentence; } }
    ];
  }

  views.events = function (root, data) {
    var form = el('form', { cls: 'filters', id: 'event-filters' });
    var fields = [['actor', 'Actor', 'e.g. AZE or ARM.MIL'], ['since', 'Since', 'YYYY-MM-DD'], ['until', 'Until', 'YYYY-MM-DD'], ['doc', 'Document', 'document id']];
    var params = new URLSearchParams(MODE === 'server' ? window.location.search : '');
    var typeSel = el('select', { name: 'type', id: 'f-type' }, el('option', { value: '', text: 'any type' }), (data.types || []).map(function (t) {
      return el('option', { value: t, text: t, selected: params.get('type') === t });
    }));
    fields.forEach(function (f) {
      form.appendChild(el('label', null, f[1], el('input', { name: f[0], id: 'f-' + f[0], placeholder: f[2], value: params.get(f[0]) || '' })));
    });
    form.appendChild(el('label', null, 'Type', typeSel));
    form.appendChild(el('button', { type: 'submit', text: 'Filter' }));
    root.appendChild(el('div', { cls: 'panel' }, form));
    var status = el('p', { cls: 'muted', id: 'events-status' });
    var holder = el('div', { id: 'events-table' });
    var pager = el('div', { cls: 'pager' });
    root.appendChild(el('div', { cls: 'panel' }, status, holder, pager));
    var limit = 100;
    var offset = parseInt(params.get('offset') || '0', 10) || 0;
    function show(items, next) {
      holder.textContent = '';
      holder.appendChild(table(eventColumns(), items, { href: function (e) { return e.doc_id ? docHref(e.doc_id, e.event_id) : null; }, empty: 'No events match these filters.' }));
      status.textContent = items.length ? 'Events ' + (offset + 1) + '–' + (offset + items.length) + '. Click a row to open the sentence in its document.' : '';
      pager.textContent = '';
      if (offset > 0) pager.appendChild(el('button', { type: 'button', text: '← previous', on: { click: function () { offset = Math.max(0, offset - limit); load(); } } }));
      if (next !== null && next !== undefined) pager.appendChild(el('button', { type: 'button', text: 'next →', on: { click: function () { offset = next; load(); } } }));
    }
    function current() {
      var q = {};
      fields.forEach(function (f) { var v = form.elements[f[0]].value.trim(); if (v) q[f[0]] = v; });
      if (typeSel.value) q.type = typeSel.value;
      return q;
    }
    function load() {
      var q = current();
      if (MODE === 'server') {
        var usp = new URLSearchParams(q); usp.set('limit', limit); usp.set('offset', offset);
        status.textContent = 'Loading…';
        fetch('/api/events?' + usp.toString()).then(function (r) {
          return r.json().then(function (body) { return { ok: r.ok, body: body }; });
        }).then(function (res) {
          if (!res.ok) { holder.textContent = ''; pager.textContent = ''; status.textContent = res.body.error ? res.body.error.message : 'request failed'; return; }
          show(res.body.items, res.body.next_offset);
        });
      } else {
        var rows = (data.events || []).filter(function (e) {
          var ids = [e.source && e.source.id, e.target && e.target.id].filter(Boolean);
          if (q.actor && !ids.some(function (id) { return id === q.actor.toUpperCase() || id.split('.')[0] === q.actor.toUpperCase(); })) return false;
          if (q.type && e.type !== q.type) return false;
          if (q.since && (!e.date || e.date < q.since)) return false;
          if (q.until && (!e.date || e.date.slice(0, q.until.length) > q.until)) return false;
          if (q.doc && e.doc_id !== q.doc) return false;
          return true;
        });
        show(rows.slice(offset, offset + limit), rows.length > offset + limit ? offset + limit : null);
      }
    }
    form.addEventListener('submit', function (ev) {
      ev.preventDefault(); offset = 0;
      if (MODE === 'server') {
        var usp = new URLSearchParams(current());
        window.history.replaceState(null, '', '/events' + (usp.toString() ? '?' + usp.toString() : ''));
      }
      load();
    });
    load();
  };

  /* The document text with every coded span highlighted. */
  function highlighted(doc) {
    var text = doc.text || '';
    var spans = [];
    (doc.events || []).forEach(function (e) {
      if (e.evidence && e.evidence.end > e.evidence.start) spans.push({ start: e.evidence.start, end: e.evidence.end, kind: 'ev', id: 'ev-' + e.event_id, label: e.type + ' ' + (e.source ? e.source.id : '?') + ' → ' + (e.target ? e.target.id : '?') + (e.date ? ' · ' + e.date : '') + (e.negated ? ' · negated' : ''), q: e.quad_class });
    });
    (doc.claims || []).forEach(function (c) {
      if (c.evidence && c.evidence.end > c.evidence.start) spans.push({ start: c.evidence.start, end: c.evidence.end, kind: 'cl', id: 'cl-' + c.claim_id, label: c.kind + ' ' + fmt(c.best) + (c.about ? ' · ' + c.about.id : '') });
    });
    var sentences = (doc.sentences || []).slice().sort(function (a, b) { return a.start - b.start; });
    if (!sentences.length) sentences = [{ idx: 0, start: 0, end: text.length }];
    var out = el('div', { cls: 'doc-text', id: 'doc-text' });
    var pos = 0;
    function emitRange(parent, from, to) {
      var cuts = [from, to];
      spans.forEach(function (s) {
        if (s.start > from && s.start < to) cuts.push(s.start);
        if (s.end > from && s.end < to) cuts.push(s.end);
      });
      cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
      for (var i = 0; i < cuts.length - 1; i++) {
        var a = cuts[i], b = cuts[i + 1];
        spans.forEach(function (s) { if (s.start === a) parent.appendChild(el('span', { cls: 'anchor', id: s.id })); });
        var covering = spans.filter(function (s) { return s.start <= a && s.end >= b; });
        var piece = text.slice(a, b);
        if (!covering.length) { parent.appendChild(document.createTextNode(piece)); continue; }
        var kinds = covering.map(function (s) { return s.kind; });
        var q = covering.filter(function (s) { return s.q; }).map(function (s) { return s.q; })[0];
        parent.appendChild(el('mark', {
          cls: 'span ' + (kinds.indexOf('ev') >= 0 ? 'ev' + (q ? ' q' + q : '') : 'cl'),
          title: covering.map(function (s) { return s.label; }).join('\n'),
          'data-ids': covering.map(function (s) { return s.id; }).join(' '), text: piece
        }));
      }
    }
    sentences.forEach(function (s) {
      if (s.start > pos) out.appendChild(document.createTextNode(text.slice(pos, s.start)));
      var coded = spans.some(function (sp) { return sp.start < s.end && sp.end > s.start; });
      var node = el('span', { cls: 'sentence' + (coded ? ' coded' : ''), id: 's-' + s.idx, 'data-idx': s.idx });
      emitRange(node, Math.max(pos, s.start), s.end);
      out.appendChild(node);
      pos = Math.max(pos, s.end);
    });
    if (pos < text.length) out.appendChild(document.createTextNode(text.slice(pos)));
    return out;
  }

  function focusSpan(id) {
    document.querySelectorAll('.sentence.focus').forEach(function (n) { n.classList.remove('focus'); });
    document.querySelectorAll('mark.active').forEach(function (n) { n.classList.remove('active'); });
    if (!id) return;
    var anchor = document.getElementById(id);
    if (!anchor) return;
    var sentence = anchor.closest('.sentence');
    if (sentence) sentence.classList.add('focus');
    document.querySelectorAll('mark.span').forEach(function (m) {
      if ((' ' + m.getAttribute('data-ids') + ' ').indexOf(' ' + id + ' ') >= 0) m.classList.add('active');
    });
    (sentence || anchor).scrollIntoView({ block: 'center' });
  }

  views.document = function (root, doc) {
    var meta = el('dl', { cls: 'meta' });
    [['Publisher', doc.publisher], ['Author', doc.author], ['Published', doc.published ? doc.published + (doc.published_source ? ' (from ' + doc.published_source + ')' : '') : 'unknown (dateless document)'], ['URL', doc.url], ['Format', doc.fmt], ['Document id', doc.doc_id]].forEach(function (p) {
      if (p[1]) { meta.appendChild(el('dt', { text: p[0] })); meta.appendChild(el('dd', { text: p[1] })); }
    });
    var title = document.getElementById('page-title');
    if (title && MODE === 'server') title.textContent = doc.title || doc.doc_id;
    if (MODE === 'report') root.appendChild(el('h2', { text: doc.title || doc.doc_id }));
    root.appendChild(el('div', { cls: 'panel' }, meta, el('p', { cls: 'legend' },
      el('mark', { cls: 'span ev q4', text: 'event' }), ' coded event (colour: quad class) ',
      el('mark', { cls: 'span cl', text: 'claim' }), ' claimed figure ',
      el('span', { cls: 'legend-focus', text: 'selected sentence' }))));
    root.appendChild(el('div', { cls: 'panel' }, highlighted(doc)));
    root.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Events in this document' }), table(eventColumns(), doc.events || [], {
      href: function (e) { return docHref(doc.doc_id, e.event_id); }, empty: 'No events were coded in this document.'
    })));
    if ((doc.claims || []).length) {
      root.appendChild(el('div', { cls: 'panel' }, el('h2', { text: 'Claims in this document' }), table([
        { label: 'Kind', key: 'kind' }, { label: 'Figure', render: function (c) { return fmt(c.best) + (c.low !== null && c.high !== null ? ' (' + c.low + '–' + c.high + ')' : ''); } },
        { label: 'About', render: function (c) { return c.about ? c.about.id : '—'; } }, { label: 'Category', key: 'category' },
        { label: 'As of', key: 'as_of' }, { label: 'Claimed by', render: function (c) { return c.attributed_to ? c.attributed_to.name : '—'; } },
        { label: 'Sentence', cls: 'sentence', key: 'sentence' }
      ], doc.claims)));
    }
  };

  views.apidocs = function (root, data) {
    root.appendChild(el('p', { cls: 'muted' }, 'The OpenAPI description of this API is at ', el('a', { href: data.openapi, text: data.openapi }),
      '. Every list takes limit (≤ 1000) and offset, and format=json|csv|jsonl. Errors have one shape: {"error": {"code", "message", "detail"}}.'));
    var holder = el('div', { id: 'api-ops' });
    root.appendChild(holder);
    fetch(data.openapi).then(function (r) { return r.json(); }).then(function (spec) {
      Object.keys(spec.paths).sort().forEach(function (path) {
        var ops = spec.paths[path];
        Object.keys(ops).forEach(function (method) {
          var op = ops[method];
          var params = (op.parameters || []).map(function (p) {
            var s = p.schema || {};
            var any = s.anyOf ? s.anyOf.filter(function (x) { return x.type !== 'null'; })[0] || {} : s;
            return { name: p.name, where: p['in'], type: any.type || '', pattern: any.pattern || '', max: any.maximum, required: !!p.required, desc: p.description || '' };
          });
          holder.appendChild(el('div', { cls: 'panel op' }, el('h3', null, el('span', { cls: 'method', text: method.toUpperCase() }), ' ', el('code', { text: path })),
            el('p', { text: op.description || op.summary || '' }),
            params.length ? table([
              { label: 'Parameter', render: function (p) { return el('code', { text: p.name }); } }, { label: 'In', key: 'where' },
              { label: 'Type', render: function (p) { return p.type + (p.max !== undefined ? ' ≤ ' + p.max : ''); } },
              { label: 'Pattern', render: function (p) { return p.pattern ? el('code', { text: p.pattern }) : '—'; } },
              { label: 'Description', key: 'desc' }
            ], params) : null));
        });
      });
    });
  };

  // -- report: all sections on one page, documents through the hash -----------------
  function renderReport(data) {
    var order = ['overview', 'chronology', 'dyads', 'network', 'map', 'ceasefires', 'claims', 'events'];
    order.forEach(function (key) {
      var root = document.getElementById('view-' + key);
      if (!root) return;
      var payload = key === 'events' ? { events: data.events, types: data.types } : data[key];
      views[key](root, payload);
    });
    var docs = {};
    (data.documents || []).forEach(function (d) { docs[d.doc_id] = d; });
    var holder = document.getElementById('document');
    function route() {
      var params = new URLSearchParams(window.location.hash.slice(1));
      var id = params.get('doc');
      if (!id || !docs[id]) { holder.classList.add('hidden'); holder.textContent = ''; return; }
      holder.textContent = '';
      holder.classList.remove('hidden');
      holder.appendChild(el('p', null, el('a', { href: '#events', text: '← back to the report' })));
      views.document(holder, docs[id]);
      if (params.get('ev')) focusSpan('ev-' + params.get('ev'));
      else holder.scrollIntoView();
    }
    window.addEventListener('hashchange', route);
    route();
  }

  function start() {
    var node = document.getElementById('cf-data');
    var data = node ? JSON.parse(node.textContent) : {};
    var page = document.body.getAttribute('data-page');
    if (page === 'report') { renderReport(data); return; }
    var root = document.getElementById('view');
    if (views[page]) views[page](root, data);
    if (page === 'document') {
      var hash = decodeURIComponent(window.location.hash.slice(1));
      if (hash) focusSpan(hash);
      window.addEventListener('hashchange', function () { focusSpan(decodeURIComponent(window.location.hash.slice(1))); });
    }
  }

  window.ceasefire = { views: views, highlighted: highlighted };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
