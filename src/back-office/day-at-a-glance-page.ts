import { html, SafeHtml } from '../common/html/html';

export interface DayAtAGlancePage {
  restaurantName: string;
  currency: string;
  nonce: string;
}

const STYLE = `
  :root { color-scheme: light; --ink: #1d1d1f; --muted: #6e6e73; --line: #e5e5ea; --today: #0b6bcb; --week: #b8c4d0;
    --bad: #b3261e; --card: #fff; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
    background: #f5f5f7; }
  header { display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; padding: 14px 24px; background: var(--card);
    border-bottom: 1px solid var(--line); }
  header h1 { margin: 0; font-size: 1.2rem; }
  header p { margin: 0; color: var(--muted); }
  header button { margin-left: auto; }
  main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 40px; }
  button { font: inherit; border: 1px solid var(--line); background: var(--card); border-radius: 8px; padding: 6px 14px; }
  form { max-width: 340px; margin: 64px auto; background: var(--card); border: 1px solid var(--line); border-radius: 14px;
    padding: 22px; display: grid; gap: 12px; }
  form h2 { margin: 0 0 4px; font-size: 1.1rem; }
  label { display: grid; gap: 4px; color: var(--muted); font-size: .9rem; }
  input { font: inherit; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px; color: var(--ink); }
  form button { background: var(--today); border-color: var(--today); color: #fff; padding: 9px; font-weight: 600; }
  .status { color: var(--bad); min-height: 1.2em; margin: 0; }
  .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin-bottom: 16px; }
  .tile { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 12px 14px; }
  .tile span { display: block; color: var(--muted); font-size: .85rem; }
  .tile strong { font-size: 1.25rem; font-variant-numeric: tabular-nums; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
  section { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 14px 16px; }
  section.wide { grid-column: 1 / -1; }
  section h2 { margin: 0 0 10px; font-size: 1rem; }
  svg { display: block; width: 100%; height: auto; font-size: 11px; }
  svg text { fill: var(--ink); }
  svg .axis { fill: var(--muted); }
  .legend svg { display: inline-block; width: 10px; height: 10px; }
  .legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 8px 0 0; padding: 0; list-style: none; color: var(--muted);
    font-size: .85rem; }
  .empty { color: var(--muted); margin: 8px 0; }
  .updated { color: var(--muted); font-size: .85rem; margin-top: 14px; }
  [hidden] { display: none !important; }
`;

/**
 * The page's code, without a framework. The tokens live in this closure only (no storage, no cookie), so closing
 * the tab signs the manager out; every figure comes from the reports API, and the socket's order events refresh it.
 * Text reaches the page through textContent and SVG attributes only, never as markup.
 */
const SCRIPT = `
  (function () {
    'use strict';
    var SVG = 'http://www.w3.org/2000/svg';
    var COLORS = ['#0b6bcb', '#2e9d5b', '#d98a00', '#8e44ad', '#c0392b', '#16a085', '#7f8c8d'];
    var money = new Intl.NumberFormat('en', { style: 'currency', currency: document.body.getAttribute('data-currency') });
    var scale = Math.pow(10, money.resolvedOptions().maximumFractionDigits || 0);
    var session = null;
    var pendingChallenge = null;
    var socket = null;
    var reloadTimer = null;

    function byId(id) { return document.getElementById(id); }
    function formatMoney(minor) { return money.format(minor / scale); }
    function minutes(ms) { return (ms / 60000).toFixed(1) + ' min'; }
    function node(name, attributes, text) {
      var element = document.createElementNS(SVG, name);
      Object.keys(attributes).forEach(function (key) { element.setAttribute(key, String(attributes[key])); });
      if (text !== undefined) element.textContent = text;
      return element;
    }
    function clear(element) { while (element.firstChild) element.removeChild(element.firstChild); return element; }
    function addDays(day, days) {
      var date = new Date(day + 'T00:00:00Z');
      date.setUTCDate(date.getUTCDate() + days);
      return date.toISOString().slice(0, 10);
    }

    function send(method, path, body) {
      var headers = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (session) headers.Authorization = 'Bearer ' + session.accessToken;
      return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' })
        .then(function (response) {
          return response.json().catch(function () { return null; }).then(function (json) {
            return { ok: response.ok, status: response.status, body: json, retryAfter: response.headers.get('Retry-After') };
          });
        });
    }

    function refusal(reply) {
      if (reply.status === 429) {
        var wait = Math.max(1, Math.ceil(Number(reply.retryAfter || 60) / 60));
        return 'Too many attempts. Try again in ' + wait + (wait === 1 ? ' minute.' : ' minutes.');
      }
      if (reply.status === 401) return pendingChallenge ? 'That code is not right.' : 'Wrong username or password.';
      return (reply.body && reply.body.error && reply.body.error.message) || 'Signing in did not work.';
    }

    function signIn(event) {
      event.preventDefault();
      var status = byId('sign-in-status');
      status.textContent = '';
      var attempt = pendingChallenge
        ? send('POST', '/api/v1/auth/login/2fa', { mfaToken: pendingChallenge, code: byId('code').value.trim() })
        : send('POST', '/api/v1/auth/login', { username: byId('username').value.trim(), password: byId('password').value });
      attempt.then(function (reply) {
        if (!reply.ok) {
          status.textContent = refusal(reply);
          return;
        }
        if (reply.body.mfaRequired) {
          pendingChallenge = reply.body.mfaToken;
          byId('code-field').hidden = false;
          byId('code').focus();
          return;
        }
        begin(reply.body);
      }).catch(function () { status.textContent = 'No connection to the server.'; });
    }

    function begin(tokens) {
      pendingChallenge = null;
      byId('code-field').hidden = true;
      byId('password').value = '';
      byId('code').value = '';
      if (tokens.user.role !== 'manager' && tokens.user.role !== 'admin') {
        byId('sign-in-status').textContent = 'This page is for managers and admins.';
        return;
      }
      session = tokens;
      byId('who').textContent = tokens.user.displayName;
      byId('sign-in').hidden = true;
      byId('dashboard').hidden = false;
      byId('sign-out').hidden = false;
      follow();
      load();
    }

    function signOut() {
      var ending = session;
      session = null;
      if (socket) socket.close();
      socket = null;
      byId('dashboard').hidden = true;
      byId('sign-out').hidden = true;
      byId('who').textContent = '';
      byId('sign-in').hidden = false;
      if (ending) send('POST', '/api/v1/auth/logout', { refreshToken: ending.refreshToken }).catch(function () {});
    }

    function renew() {
      var refreshToken = session.refreshToken;
      session = null;
      return send('POST', '/api/v1/auth/refresh', { refreshToken: refreshToken }).then(function (reply) {
        if (!reply.ok) throw new Error('signed out');
        session = reply.body;
        return session;
      });
    }

    function read(path) {
      var sent = session;
      return send('GET', path).then(function (reply) {
        if (reply.status === 401 && sent && session === sent) {
          return renew().then(function () { return read(path); });
        }
        if (!reply.ok) throw new Error((reply.body && reply.body.error && reply.body.error.message) || 'HTTP ' + reply.status);
        return reply.body;
      });
    }

    function follow() {
      if (!window.io) return;
      socket = window.io({ auth: { token: session.accessToken } });
      ['order.paid', 'order.status_changed', 'order.updated', 'order.item_status_changed'].forEach(function (type) {
        socket.on(type, scheduleLoad);
      });
      socket.on('connect_error', function (error) {
        if (error.message !== 'UNAUTHORIZED' || !session) return;
        renew().then(function () { socket.auth = { token: session.accessToken }; socket.connect(); }, signOut);
      });
    }

    function scheduleLoad() {
      if (reloadTimer) return;
      reloadTimer = setTimeout(function () { reloadTimer = null; load(); }, 1500);
    }

    function load() {
      read('/api/v1/reports/shift').then(function (day) {
        var today = day.businessDay;
        var lastWeek = addDays(today, -7);
        var range = function (from) { return 'from=' + from + '&to=' + from; };
        return Promise.all([
          read('/api/v1/reports/sales?groupBy=hour&' + range(today)),
          read('/api/v1/reports/sales?groupBy=hour&' + range(lastWeek)),
          read('/api/v1/reports/kitchen?' + range(today)),
          read('/api/v1/reports/discounts-and-voids?' + range(today)),
        ]).then(function (reports) {
          render(day, reports[0], reports[1], reports[2], reports[3]);
          byId('load-status').textContent = '';
        });
      }).catch(function (error) {
        if (!session) { signOut(); return; }
        byId('load-status').textContent = 'Could not load the figures: ' + error.message;
      });
    }

    function render(day, salesToday, salesLastWeek, kitchen, adjustments) {
      byId('day').textContent = 'Business day ' + day.businessDay;
      tiles(day);
      hourlyChart(salesToday, salesLastWeek);
      paymentMix(day.payments);
      bars(byId('slow-dishes'), kitchen.dishes.slice().sort(function (a, b) { return b.p90Ms - a.p90Ms; }).slice(0, 6).map(function (dish) {
        return { label: dish.name, value: dish.p90Ms, text: 'p90 ' + minutes(dish.p90Ms) + ' · avg ' + minutes(dish.averageMs) + ' · ' + counted(dish.items, 'item') };
      }), 'Nothing has been prepared yet today.');
      bars(byId('slow-stations'), kitchen.stations.slice().sort(function (a, b) { return b.p90Ms - a.p90Ms; }).map(function (station) {
        return { label: station.name || 'Removed station', value: station.p90Ms, text: 'p90 ' + minutes(station.p90Ms) + ' · avg ' + minutes(station.averageMs) + ' · ' + counted(station.items, 'item') };
      }), 'Nothing has been prepared yet today.');
      staffAdjustments(adjustments.byStaff);
      byId('updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
    }

    function tiles(day) {
      var figures = [
        ['Net sales', formatMoney(day.sales.netSales)],
        ['Closed orders', String(day.sales.orders)],
        ['Average ticket', formatMoney(day.sales.averageTicket)],
        ['Tips', formatMoney(day.sales.tips)],
        ['Open orders', day.openOrders.count + ' · ' + formatMoney(day.openOrders.due) + ' due'],
        ['Discounts', formatMoney(day.adjustments.discountAmount)],
        ['Voids', formatMoney(day.adjustments.voidedValue)],
        ['Cash in drawer', formatMoney(day.cash.net)],
      ];
      var container = clear(byId('tiles'));
      figures.forEach(function (figure) {
        var tile = document.createElement('div');
        tile.className = 'tile';
        var label = document.createElement('span');
        label.textContent = figure[0];
        var value = document.createElement('strong');
        value.textContent = figure[1];
        value.setAttribute('data-figure', figure[0]);
        tile.appendChild(label);
        tile.appendChild(value);
        container.appendChild(tile);
      });
    }

    function hourOf(row) { return row.period.slice(11, 16); }

    function hourlyChart(today, lastWeek) {
      var weekByHour = {};
      lastWeek.rows.forEach(function (row) { weekByHour[hourOf(row)] = (weekByHour[hourOf(row)] || 0) + row.netSales; });
      var rows = today.rows.map(function (row) {
        return { hour: hourOf(row), today: row.netSales, week: weekByHour[hourOf(row)] || 0 };
      });
      var top = Math.max(1, Math.max.apply(null, rows.map(function (row) { return Math.max(row.today, row.week); })));
      var width = 960, height = 240, left = 70, bottom = 22, slot = (width - left) / Math.max(rows.length, 1);
      var plot = height - bottom - 8;
      var svg = node('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'Net sales by hour, today and the same weekday last week' });
      [0, 0.5, 1].forEach(function (share) {
        var y = 8 + plot * (1 - share);
        svg.appendChild(node('line', { x1: left, x2: width, y1: y, y2: y, stroke: '#e5e5ea' }));
        svg.appendChild(node('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' }, formatMoney(Math.round(top * share))));
      });
      var points = [];
      rows.forEach(function (row, index) {
        var x = left + index * slot;
        var barHeight = plot * row.today / top;
        var bar = node('rect', { x: x + slot * 0.18, y: 8 + plot - barHeight, width: slot * 0.64, height: barHeight, fill: '#0b6bcb', 'data-hour': row.hour });
        bar.appendChild(node('title', {}, row.hour + ': ' + formatMoney(row.today) + ' (last week ' + formatMoney(row.week) + ')'));
        svg.appendChild(bar);
        points.push((x + slot / 2).toFixed(1) + ',' + (8 + plot - plot * row.week / top).toFixed(1));
        if (index % 2 === 0) svg.appendChild(node('text', { x: x + slot / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis' }, row.hour));
      });
      svg.appendChild(node('polyline', { points: points.join(' '), fill: 'none', stroke: '#8a99a8', 'stroke-width': 2, 'stroke-dasharray': '5 4' }));
      clear(byId('hourly')).appendChild(svg);
      byId('hourly-legend-today').textContent = 'Today ' + formatMoney(today.totals.netSales);
      byId('hourly-legend-week').textContent = 'Same weekday last week ' + formatMoney(lastWeek.totals.netSales);
    }

    function paymentMix(methods) {
      var shown = methods.filter(function (method) { return method.net > 0; });
      var total = shown.reduce(function (sum, method) { return sum + method.net; }, 0);
      var container = clear(byId('payment-mix'));
      var legend = clear(byId('payment-legend'));
      if (total === 0) { container.appendChild(empty('No payments yet today.')); return; }
      var svg = node('svg', { viewBox: '0 0 600 34', role: 'img', 'aria-label': 'Payment mix' });
      var x = 0;
      shown.forEach(function (method, index) {
        var width = 600 * method.net / total;
        var part = node('rect', { x: x, y: 0, width: width, height: 34, fill: COLORS[index % COLORS.length], 'data-method': method.name });
        part.appendChild(node('title', {}, method.name + ': ' + formatMoney(method.net)));
        svg.appendChild(part);
        x += width;
        var entry = document.createElement('li');
        var swatch = node('svg', { width: 10, height: 10, viewBox: '0 0 10 10' });
        swatch.appendChild(node('rect', { width: 10, height: 10, fill: COLORS[index % COLORS.length] }));
        entry.appendChild(swatch);
        entry.appendChild(document.createTextNode(' ' + method.name + ' ' + formatMoney(method.net) + ' (' + Math.round(100 * method.net / total) + '%)'));
        legend.appendChild(entry);
      });
      container.appendChild(svg);
    }

    /** One row per entry: its label and figures on a line, and under them a bar scaled to the largest value. */
    function bars(container, rows, emptyText) {
      clear(container);
      if (rows.length === 0) { container.appendChild(empty(emptyText)); return; }
      var top = Math.max(1, Math.max.apply(null, rows.map(function (row) { return row.value; })));
      var rowHeight = 40, width = 480;
      var svg = node('svg', { viewBox: '0 0 ' + width + ' ' + rows.length * rowHeight, role: 'img', 'font-size': 13 });
      rows.forEach(function (row, index) {
        var y = index * rowHeight;
        var line = node('text', { x: 0, y: y + 14 });
        line.appendChild(node('tspan', { 'font-weight': 600 }, row.label));
        line.appendChild(node('tspan', { class: 'axis' }, '  ' + row.text));
        svg.appendChild(line);
        svg.appendChild(node('rect', { x: 0, y: y + 20, width: Math.max(2, width * row.value / top), height: 12, rx: 3, fill: row.color || '#d98a00' }));
      });
      container.appendChild(svg);
    }

    function staffAdjustments(byStaff) {
      var rows = [];
      byStaff.forEach(function (staff) {
        var name = staff.displayName || 'Unknown';
        if (staff.discounts > 0) rows.push({ label: name, value: staff.discountAmount, color: '#8e44ad', text: counted(staff.discounts, 'discount') + ' · ' + formatMoney(staff.discountAmount) });
        if (staff.voids > 0) rows.push({ label: name, value: staff.voidedValue, color: '#c0392b', text: counted(staff.voids, 'void') + ' · ' + formatMoney(staff.voidedValue) });
      });
      bars(byId('adjustments'), rows, 'No voids or discounts today.');
    }

    function counted(count, noun) { return count + ' ' + noun + (count === 1 ? '' : 's'); }

    function empty(text) {
      var paragraph = document.createElement('p');
      paragraph.className = 'empty';
      paragraph.textContent = text;
      return paragraph;
    }

    byId('sign-in').addEventListener('submit', signIn);
    byId('sign-out').addEventListener('click', signOut);
    byId('username').focus();
  })();
`;

export function renderDayAtAGlancePage(page: DayAtAGlancePage): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        <title>${page.restaurantName} · The day at a glance</title>
        <style nonce="${page.nonce}">
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body data-currency="${page.currency}">
        <header>
          <h1>${page.restaurantName}</h1>
          <p id="day">The day at a glance</p>
          <p id="who"></p>
          <button id="sign-out" type="button" hidden>Sign out</button>
        </header>
        <main>
          <form id="sign-in" autocomplete="on">
            <h2>Sign in</h2>
            <label>Username <input id="username" name="username" autocomplete="username" required /></label>
            <label
              >Password
              <input id="password" name="password" type="password" autocomplete="current-password" required
            /></label>
            <label id="code-field" hidden
              >Code from your authenticator app
              <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code"
            /></label>
            <button type="submit">Sign in</button>
            <p id="sign-in-status" class="status" role="alert"></p>
          </form>
          <div id="dashboard" hidden>
            <div id="tiles" class="tiles"></div>
            <div class="grid">
              <section class="wide">
                <h2>Sales by hour</h2>
                <div id="hourly"></div>
                <ul class="legend">
                  <li id="hourly-legend-today"></li>
                  <li id="hourly-legend-week"></li>
                </ul>
              </section>
              <section>
                <h2>Payment mix</h2>
                <div id="payment-mix"></div>
                <ul id="payment-legend" class="legend"></ul>
              </section>
              <section>
                <h2>Voids and discounts by staff</h2>
                <div id="adjustments"></div>
              </section>
              <section>
                <h2>Slowest dishes</h2>
                <div id="slow-dishes"></div>
              </section>
              <section>
                <h2>Slowest stations</h2>
                <div id="slow-stations"></div>
              </section>
            </div>
            <p id="load-status" class="status" role="alert"></p>
            <p id="updated" class="updated"></p>
          </div>
        </main>
        <script src="/socket.io/socket.io.min.js" nonce="${page.nonce}"></script>
        <script nonce="${page.nonce}">
          ${new SafeHtml(SCRIPT)};
        </script>
      </body>
    </html> `.value;
}
