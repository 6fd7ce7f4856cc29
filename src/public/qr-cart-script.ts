import { CART_RULES } from './qr-cart-rules';
import { formatMinorUnits } from './money-format';

/**
 * The cart, without a framework, run inside the QR page's script (which defines `token` and `socket`). Text
 * reaches the page through textContent only, never as markup. An order is sent with an Idempotency-Key made once
 * per cart: a double tap or a retry after a lost reply makes one order. Sent orders are followed by their
 * `order.status_changed` events, and read again from the public order route when the socket (re)connects.
 */
const CART_SCRIPT = `
    var currency = document.body.getAttribute('data-currency');
    var base = '/api/v1/public/tables/' + encodeURIComponent(token);
    var STORAGE = 'qr-orders:' + token;
    var STEPS = ['pending', 'open', 'in_progress', 'ready', 'served'];
    var dishes = {};
    var menuLoad = null;
    var cart = [];
    var sheet = null;
    var submission = null;
    var sending = false;
    var orders = {};
    var orderIds = [];
    var cards = {};
    var unclaimed = {};

    function byId(id) { return document.getElementById(id); }
    function make(name, className, text) {
      var element = document.createElement(name);
      if (className) element.className = className;
      if (text !== undefined) element.textContent = text;
      return element;
    }
    function clear(element) { while (element.firstChild) element.removeChild(element.firstChild); return element; }
    function money(minor) { return formatMinorUnits(minor, currency); }
    var noticeTimer = null;
    /** A short notice over the footer, gone after a while so it does not hide the menu. */
    function notify(text) {
      byId('notice').textContent = text;
      clearTimeout(noticeTimer);
      noticeTimer = setTimeout(function () { byId('notice').textContent = ''; }, 8000);
    }
    function say(text) { byId('cart-status').textContent = text; }
    function newKey() {
      if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
      // Plain-HTTP pages on a restaurant's LAN have no randomUUID; random bytes do as well for a key.
      return Array.prototype.map.call(window.crypto.getRandomValues(new Uint8Array(16)), function (byte) {
        return (byte + 256).toString(16).slice(1);
      }).join('');
    }

    /* The menu: the public JSON of the page's table, for variations, modifier groups and prices. */
    function loadMenu() {
      menuLoad = fetch(base, { cache: 'no-store', headers: { Accept: 'application/json' } })
        .then(function (response) {
          if (!response.ok) throw new Error('HTTP ' + response.status);
          return response.json();
        })
        .then(function (view) {
          dishes = {};
          view.menu.categories.forEach(function (category) {
            category.dishes.forEach(function (dish) { dishes[dish.id] = dish; });
          });
          checkCart();
        });
      menuLoad.catch(function () { menuLoad = null; });
      return menuLoad;
    }
    function withMenu(then) {
      (menuLoad || loadMenu()).then(then, function () {
        notify('Sorry, the menu did not load. Please check your connection and try again.');
      });
    }
    function variationOf(dish, variationId) {
      return dish.variations.filter(function (variation) {
        return variation.id === variationId && variation.available !== false;
      })[0];
    }
    function optionsOf(dish) {
      var options = {};
      (dish.modifierGroups || []).forEach(function (group) {
        group.options.forEach(function (option) { if (option.available !== false) options[option.id] = option; });
      });
      return options;
    }
    function orderable(line) {
      var dish = dishes[line.dishId];
      if (!dish || !variationOf(dish, line.variationId)) return false;
      var options = optionsOf(dish);
      return line.modifiers.every(function (modifier) { return options[modifier.optionId] !== undefined; });
    }
    /** Marks the lines the menu no longer offers, and tells the guest about the ones that just sold out. */
    function checkCart() {
      var gone = [];
      cart.forEach(function (line) {
        var unavailable = !orderable(line);
        if (unavailable && !line.unavailable) gone.push(line.dishName);
        line.unavailable = unavailable;
      });
      soldOut(gone);
    }
    function soldOut(names) {
      renderCart();
      if (names.length === 0) return;
      notify(soldOutMessage(names));
      if (byId('cart').open) say(soldOutMessage(names) + ': it is not in your order any more.');
    }
    /** A live 86: marks matching lines at once; the menu read that follows settles every line. */
    function availabilityChanged(envelope) {
      var change = envelope && envelope.data;
      if (change && change.available === false) {
        var gone = [];
        cart.forEach(function (line) {
          var hit = change.optionId
            ? line.modifiers.some(function (modifier) { return modifier.optionId === change.optionId; })
            : line.dishId === change.dishId && (!change.variationId || line.variationId === change.variationId);
          if (hit && !line.unavailable) {
            line.unavailable = true;
            gone.push(line.dishName);
          }
        });
        soldOut(gone);
      }
      loadMenu().catch(function () {});
    }

    /* The dish sheet: variation, modifiers, quantity and a comment. */
    function choice(type, name, value, label, price, checked) {
      var wrapper = make('label', 'option');
      var input = document.createElement('input');
      input.type = type;
      input.name = name;
      input.value = value;
      input.checked = checked;
      wrapper.appendChild(input);
      wrapper.appendChild(make('span', null, label));
      if (price) {
        wrapper.appendChild(document.createTextNode(' '));
        wrapper.appendChild(make('span', 'price', price));
      }
      return wrapper;
    }
    function variationField(dish) {
      var fieldset = make('fieldset');
      fieldset.appendChild(make('legend', null, 'Choose one'));
      dish.variations.forEach(function (variation, index) {
        fieldset.appendChild(choice('radio', 'variation', variation.id, variation.name, money(variation.price), index === 0));
      });
      return fieldset;
    }
    function groupField(group) {
      var fieldset = make('fieldset');
      var legend = make('legend', null, group.name + ' ');
      legend.appendChild(make('span', 'hint', '(' + choiceHint(group) + ')'));
      fieldset.appendChild(legend);
      var single = group.maxChoices === 1;
      var name = 'group-' + group.id;
      if (single && group.minChoices === 0) fieldset.appendChild(choice('radio', name, '', 'None', '', true));
      group.options.slice().sort(function (a, b) { return a.sortOrder - b.sortOrder; }).forEach(function (option) {
        var type = single ? 'radio' : 'checkbox';
        fieldset.appendChild(choice(type, name, option.id, option.name, priceDeltaText(option.priceDelta, currency), false));
      });
      var problem = make('p', 'problem');
      problem.id = 'problem-' + group.id;
      fieldset.setAttribute('aria-describedby', problem.id);
      fieldset.appendChild(problem);
      return { group: group, fieldset: fieldset, problem: problem };
    }
    function chosenIn(field) {
      return Array.prototype.filter.call(field.fieldset.querySelectorAll('input'), function (input) {
        return input.checked && input.value !== '';
      });
    }
    function sheetSelection() {
      var dish = sheet.dish;
      var picked = byId('dish-choices').querySelector('input[name="variation"]:checked');
      var variation = picked ? variationOf(dish, picked.value) : dish.variations[0];
      var modifiers = [];
      sheet.fields.forEach(function (field) {
        chosenIn(field).forEach(function (input) {
          var option = field.group.options.filter(function (candidate) { return candidate.id === input.value; })[0];
          modifiers.push({ optionId: option.id, name: option.name, priceDelta: option.priceDelta });
        });
      });
      return { variation: variation, modifiers: modifiers };
    }
    /** Keeps the sheet honest as the guest chooses: max enforced by disabling, min shown once they tried to add. */
    function updateSheet() {
      var problems = 0;
      sheet.fields.forEach(function (field) {
        var count = chosenIn(field).length;
        if (field.group.maxChoices > 1) {
          field.fieldset.querySelectorAll('input').forEach(function (input) {
            input.disabled = !input.checked && count >= field.group.maxChoices;
          });
        }
        var problem = choiceProblem(field.group, count);
        if (problem) problems += 1;
        field.problem.textContent = sheet.tried && problem ? problem : '';
      });
      var selection = sheetSelection();
      var unit = selection.variation ? unitPriceOf(selection.variation.price, selection.modifiers) : 0;
      byId('dish-quantity').textContent = String(sheet.quantity);
      byId('dish-fewer').disabled = sheet.quantity <= 1;
      byId('dish-more').disabled = sheet.quantity >= 99;
      byId('dish-add').textContent = 'Add ' + sheet.quantity + ' to order · ' + money(unit * sheet.quantity);
      return problems;
    }
    function openDish(dishId) {
      withMenu(function () {
        var dish = dishes[dishId];
        if (!dish) {
          notify('Sorry, this dish has just sold out.');
          return;
        }
        var choices = clear(byId('dish-choices'));
        if (dish.variations.length > 1) choices.appendChild(variationField(dish));
        var fields = (dish.modifierGroups || []).map(groupField);
        fields.forEach(function (field) { choices.appendChild(field.fieldset); });
        sheet = { dish: dish, quantity: 1, fields: fields, tried: false };
        byId('dish-title').textContent = dish.name;
        byId('dish-description').textContent = dish.description || '';
        byId('dish-description').hidden = !dish.description;
        byId('dish-comment').value = '';
        byId('dish-problem').textContent = '';
        updateSheet();
        byId('dish-sheet').showModal();
      });
    }
    function addFromSheet(event) {
      event.preventDefault();
      sheet.tried = true;
      if (updateSheet() > 0) {
        var wrong = sheet.fields.filter(function (field) { return field.problem.textContent !== ''; })[0];
        wrong.fieldset.querySelector('input:not(:disabled)').focus();
        return;
      }
      var selection = sheetSelection();
      var comment = byId('dish-comment').value.trim();
      var line = {
        dishId: sheet.dish.id,
        dishName: sheet.dish.name,
        variationId: selection.variation ? selection.variation.id : '',
        variationName: sheet.dish.variations.length > 1 && selection.variation ? selection.variation.name : '',
        modifiers: selection.modifiers,
        comment: comment,
        quantity: sheet.quantity,
        unitPrice: selection.variation ? unitPriceOf(selection.variation.price, selection.modifiers) : 0,
        unavailable: false,
      };
      if (!orderable(line)) {
        byId('dish-problem').textContent = soldOutMessage([line.dishName]);
        return;
      }
      addLine(line);
      byId('dish-sheet').close();
      notify('Added ' + line.quantity + ' × ' + line.dishName + ' to your order.');
      byId('open-cart').focus();
    }
    function addLine(line) {
      line.key = [line.dishId, line.variationId, line.modifiers.map(function (m) { return m.optionId; }).sort().join(','), line.comment].join('|');
      var same = cart.filter(function (other) { return other.key === line.key && !other.unavailable; })[0];
      if (same) same.quantity = Math.min(99, same.quantity + line.quantity);
      else cart.push(line);
      renderCart();
    }

    /* The cart. */
    function lineTitle(line) {
      return line.quantity + ' × ' + line.dishName + (line.variationName ? ' (' + line.variationName + ')' : '');
    }
    function stepButton(text, label, onClick, disabled) {
      var button = make('button', null, text);
      button.type = 'button';
      button.setAttribute('aria-label', label);
      button.disabled = disabled;
      button.addEventListener('click', onClick);
      return button;
    }
    function cartLine(line) {
      var item = make('li', line.unavailable ? 'line unavailable' : 'line');
      var head = make('div', 'line-head');
      head.appendChild(make('span', null, lineTitle(line)));
      head.appendChild(make('span', 'price', money(line.unitPrice * line.quantity)));
      item.appendChild(head);
      var details = line.modifiers.map(function (modifier) {
        return modifier.name + (modifier.priceDelta ? ' ' + priceDeltaText(modifier.priceDelta, currency) : '');
      });
      if (line.comment) details.push('“' + line.comment + '”');
      if (line.quantity > 1) details.push(money(line.unitPrice) + ' each');
      if (details.length > 0) item.appendChild(make('p', 'line-detail', details.join(' · ')));
      if (line.unavailable) item.appendChild(make('p', 'sold-out', soldOutMessage([line.dishName])));
      var actions = make('div', 'stepper');
      if (!line.unavailable) {
        actions.appendChild(stepButton('−', 'One fewer ' + line.dishName, function () { changeQuantity(line, -1); }, line.quantity <= 1));
        actions.appendChild(make('span', 'qty', String(line.quantity)));
        actions.appendChild(stepButton('+', 'One more ' + line.dishName, function () { changeQuantity(line, 1); }, line.quantity >= 99));
      }
      var remove = stepButton('Remove', 'Remove ' + line.dishName, function () { removeLine(line); }, false);
      remove.className = 'remove';
      actions.appendChild(remove);
      item.appendChild(actions);
      return item;
    }
    function changeQuantity(line, by) {
      line.quantity = Math.max(1, Math.min(99, line.quantity + by));
      renderCart();
      var same = byId('cart-lines').children[cart.indexOf(line)];
      if (same) same.querySelector(by > 0 ? 'button[aria-label^="One more"]' : 'button[aria-label^="One fewer"]').focus();
    }
    function removeLine(line) {
      cart.splice(cart.indexOf(line), 1);
      renderCart();
      byId(cart.length > 0 ? 'send' : 'cart-close').focus();
    }
    function renderCart() {
      var list = clear(byId('cart-lines'));
      cart.forEach(function (line) { list.appendChild(cartLine(line)); });
      var total = cartTotal(cart);
      var count = cart.reduce(function (sum, line) { return line.unavailable ? sum : sum + line.quantity; }, 0);
      byId('cart-empty').hidden = cart.length > 0;
      byId('cart-total').textContent = money(total);
      byId('open-cart').hidden = cart.length === 0;
      byId('open-cart-count').textContent = count + (count === 1 ? ' item' : ' items');
      byId('open-cart-total').textContent = money(total);
      updateSend();
    }
    function updateSend() {
      var button = byId('send');
      button.disabled = sending || !cart.some(function (line) { return !line.unavailable; });
      button.textContent = sending ? 'Sending…' : 'Send order';
    }

    /* Sending. */
    function itemsOf(lines) {
      return lines.map(function (line) {
        var item = { dishId: line.dishId, variationId: line.variationId, quantity: line.quantity };
        if (line.comment) item.comment = line.comment;
        if (line.modifiers.length > 0) {
          item.modifiers = line.modifiers.map(function (modifier) { return { optionId: modifier.optionId }; });
        }
        return item;
      });
    }
    function send(event) {
      event.preventDefault();
      if (sending) return;
      var lines = cart.filter(function (line) { return !line.unavailable; });
      if (lines.length === 0) return;
      var payload = { items: itemsOf(lines) };
      var note = byId('cart-note').value.trim();
      if (note) payload.notes = note;
      var body = JSON.stringify(payload);
      // The same cart keeps its key, so a retry after a lost reply replays the order instead of making another.
      if (!submission || submission.body !== body) submission = { key: newKey(), body: body, lines: lines };
      var attempt = submission;
      sending = true;
      updateSend();
      say('');
      fetch(base + '/orders', {
        method: 'POST',
        cache: 'no-store',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': attempt.key },
        body: body,
      })
        .then(function (response) {
          return response.json().catch(function () { return null; }).then(function (json) {
            return { status: response.status, body: json, retryAfter: response.headers.get('Retry-After') };
          });
        })
        .then(function (reply) {
          sending = false;
          answered(attempt, reply);
        }, function () {
          sending = false;
          say('We could not reach the restaurant. Please check your connection and tap Send order again.');
        })
        .then(updateSend);
    }
    function answered(attempt, reply) {
      if (reply.status === 201 || reply.status === 200) {
        submission = null;
        cart = cart.filter(function (line) { return attempt.lines.indexOf(line) < 0 && !line.unavailable; });
        byId('cart-note').value = '';
        renderCart();
        byId('cart').close();
        follow(reply.body);
        notify('Thank you! Your order has been sent.');
        cards[reply.body.id].heading.focus();
        return;
      }
      if (reply.status === 429) {
        say(rateLimitMessage(reply.retryAfter));
        return;
      }
      var error = reply.body && reply.body.error;
      var refused = reply.status === 422 ? soldOutLines(error) : null;
      if (refused) {
        var names = [];
        refused.forEach(function (index) {
          var line = attempt.lines[index];
          if (line) {
            line.unavailable = true;
            names.push(line.dishName);
          }
        });
        renderCart();
        var rest = cart.some(function (line) { return !line.unavailable; });
        say(soldOutMessage(names) + (rest ? '. Tap Send order to send the rest, or choose something else.' : '. Please choose something else.'));
        return;
      }
      if (reply.status === 404) {
        say('Ordering from this page is not available right now. Please call a waiter.');
        return;
      }
      say('Sorry, your order could not be sent. Please tap Send order to try again, or call a waiter.');
    }

    /* Sent orders, followed live. */
    function remember() {
      try { sessionStorage.setItem(STORAGE, JSON.stringify(orderIds)); } catch (ignored) { /* private mode */ }
    }
    function recalled() {
      try { return JSON.parse(sessionStorage.getItem(STORAGE) || '[]'); } catch (ignored) { return []; }
    }
    function card(id) {
      if (cards[id]) return cards[id];
      var article = make('article', 'order');
      var heading = make('h2');
      heading.tabIndex = -1;
      var status = make('p', 'order-status');
      status.setAttribute('role', 'status');
      status.setAttribute('aria-live', 'polite');
      var steps = make('ol', 'steps');
      steps.setAttribute('aria-hidden', 'true');
      STEPS.forEach(function () { steps.appendChild(make('li')); });
      var rows = make('ul', 'rows');
      var sum = make('p', 'sum');
      [heading, status, steps, rows, sum].forEach(function (part) { article.appendChild(part); });
      var section = byId('orders');
      section.insertBefore(article, byId('offline').nextSibling);
      section.hidden = false;
      cards[id] = { article: article, heading: heading, status: status, steps: steps, rows: rows, sum: sum };
      return cards[id];
    }
    function show(order) {
      var known = orders[order.id];
      if (known && known.version > order.version) return;
      orders[order.id] = order;
      var view = card(order.id);
      view.article.setAttribute('data-status', order.status);
      view.heading.textContent = 'Order ' + order.number;
      var words = guestStatus(order.status);
      view.status.textContent = order.status === 'cancelled' && order.cancelReason ? words + ': ' + order.cancelReason : words;
      var reached = STEPS.indexOf(order.status === 'closed' ? 'served' : order.status);
      Array.prototype.forEach.call(view.steps.children, function (step, index) {
        step.className = index <= reached ? 'done' : '';
      });
      clear(view.rows);
      order.items.forEach(function (item) {
        var row = make('li', item.status === 'cancelled' ? 'cancelled' : null);
        var extras = (item.modifiers || []).map(function (modifier) { return modifier.name; });
        var variation = item.variationName && item.variationName !== 'Regular' ? ' (' + item.variationName + ')' : '';
        row.appendChild(make('span', null, item.quantity + ' × ' + item.name + variation + (extras.length ? ' + ' + extras.join(', ') : '')));
        row.appendChild(make('span', 'price', money(item.total)));
        view.rows.appendChild(row);
      });
      clear(view.sum);
      view.sum.appendChild(make('span', null, 'Total'));
      view.sum.appendChild(make('span', 'price order-total', money(order.total)));
    }
    function follow(order) {
      if (orderIds.indexOf(order.id) < 0) orderIds.push(order.id);
      remember();
      show(order);
      // A status event that overtook the reply to the POST.
      if (unclaimed[order.id]) show(unclaimed[order.id]);
    }
    function statusChanged(envelope) {
      var order = envelope && envelope.data;
      if (!order || !order.id) return;
      if (orders[order.id]) show(order);
      else unclaimed[order.id] = order;
    }
    /** After a (re)connection, events may have been missed: read the orders still in progress again. */
    function reread() {
      orderIds.forEach(function (id) {
        if (orders[id] && isSettled(orders[id].status)) return;
        fetch(base + '/orders/' + encodeURIComponent(id), { cache: 'no-store', headers: { Accept: 'application/json' } })
          .then(function (response) {
            if (response.status === 404) {
              orderIds = orderIds.filter(function (other) { return other !== id; });
              remember();
              return null;
            }
            return response.ok ? response.json() : null;
          })
          .then(function (order) { if (order) show(order); })
          .catch(function () {});
      });
    }

    document.addEventListener('click', function (event) {
      var add = event.target.closest && event.target.closest('[data-add-dish]');
      if (add) openDish(add.getAttribute('data-add-dish'));
    });
    byId('dish-choices').addEventListener('change', function () { if (sheet) updateSheet(); });
    byId('dish-fewer').addEventListener('click', function () { sheet.quantity = Math.max(1, sheet.quantity - 1); updateSheet(); });
    byId('dish-more').addEventListener('click', function () { sheet.quantity = Math.min(99, sheet.quantity + 1); updateSheet(); });
    byId('dish-cancel').addEventListener('click', function () { byId('dish-sheet').close(); });
    byId('dish-form').addEventListener('submit', addFromSheet);
    byId('open-cart').addEventListener('click', function () { say(''); byId('cart').showModal(); });
    byId('cart-close').addEventListener('click', function () { byId('cart').close(); });
    byId('cart-form').addEventListener('submit', send);
    orderIds = recalled();
    if (socket) {
      socket.on('menu.availability_changed', availabilityChanged);
      socket.on('order.status_changed', statusChanged);
      // data-live tells the guest (and tests) whether statuses arrive live right now.
      socket.on('connect', function () {
        document.body.setAttribute('data-live', 'true');
        byId('offline').hidden = true;
        reread();
      });
      socket.on('disconnect', function () {
        document.body.setAttribute('data-live', 'false');
        byId('offline').hidden = false;
      });
    } else {
      reread();
    }
    loadMenu().catch(function () {});
    renderCart();
`;

/** The rules' source, as the page's script defines them: money formatting shared with the server, then the cart's. */
export function cartRulesSource(): string {
  return [formatMinorUnits, ...CART_RULES].map((rule) => rule.toString()).join('\n');
}

/** The cart's part of the QR page's script. */
export function qrCartScript(): string {
  return cartRulesSource() + CART_SCRIPT;
}
