// The review page: a queue of held messages and the detail of one, from the review API on the same
// origin. Everything from a message is put on the page with textContent, never as HTML, so markup
// in a message is only ever shown as characters; the Content-Security-Policy forbids any script
// but this file (and sign-in.js) in any case.
//
// How an officer signs in comes from /review/config.json: locally ("token") they paste the review
// token; on AWS ("cognito") they sign in on Cognito's pages (sign-in.js). Either way the page keeps
// one bearer token in sessionStorage and sends it with every API call; a 401 forgets it.
/* global document, window, sessionStorage, fetch, URLSearchParams, URL */
'use strict';

(function reviewPage() {
  const TOKEN_KEY = 'gateway-review-token';
  const $ = (id) => document.getElementById(id);

  const state = { cursor: undefined, query: new URLSearchParams({ status: 'held' }) };
  /** How officers sign in (from /review/config.json). */
  let signIn = { mode: 'token' };

  // ---- small DOM helpers: text only ----

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function say(message, isError) {
    const status = $('status');
    status.textContent = message;
    status.classList.toggle('error', Boolean(isError));
  }

  function when(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  }

  const STATUS_WORDS = { held: 'Held', released: 'Released', rejected: 'Rejected', overridden: 'Overridden by the councillor' };
  const CHANNEL_WORDS = { email: 'Email', whatsapp: 'WhatsApp' };

  // ---- API ----

  function token() {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  }

  class SignInNeeded extends Error {}

  async function api(path, options) {
    const init = Object.assign({ headers: {} }, options || {});
    init.headers = Object.assign({ authorization: 'Bearer ' + token(), accept: 'application/json' }, init.headers);
    if (init.json !== undefined) {
      init.method = init.method || 'POST';
      init.body = JSON.stringify(init.json);
      init.headers['content-type'] = 'application/json';
      delete init.json;
    }
    const response = await fetch(path, init);
    // Every API answer is JSON; anything else (a proxy's error page) reads as no details.
    const body = await response.json().catch(() => ({}));
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      // On AWS a 401 comes from API Gateway, mostly because the hour-long sign-in has run out.
      if (signIn.mode === 'cognito') throw new SignInNeeded('Your sign-in has ended. Sign in again to carry on.');
      throw new SignInNeeded(body.message || 'Sign in to review held messages.');
    }
    if (!response.ok) {
      const error = new Error(body.message || 'The request failed (' + response.status + ').');
      error.status = response.status;
      throw error;
    }
    return body;
  }

  // ---- views ----

  function show(view) {
    for (const id of ['signin-view', 'queue-view', 'detail-view', 'alerts-view']) $(id).hidden = id !== view;
    $('sign-out').hidden = view === 'signin-view';
    $('views-nav').hidden = view === 'signin-view' || view === 'detail-view';
    $('nav-queue').toggleAttribute('aria-current', view === 'queue-view');
    $('nav-alerts').toggleAttribute('aria-current', view === 'alerts-view');
    if (view === 'queue-view') $('nav-queue').setAttribute('aria-current', 'page');
    if (view === 'alerts-view') $('nav-alerts').setAttribute('aria-current', 'page');
    $('signed-in-as').hidden = view === 'signin-view' || !$('signed-in-as').textContent;
  }

  /** Every action is recorded against this name, so the page says whose it is. */
  async function showWhoAmI() {
    const who = await api('/api/whoami');
    $('signed-in-as').textContent = 'Signed in as ' + who.reviewer;
    $('signed-in-as').hidden = false;
  }

  function renderTrail(detail) {
    const list = $('trail-events');
    clear(list);
    for (const event of detail.trail || []) {
      const item = el('li', undefined, 'trail-' + event.kind);
      item.appendChild(el('time', when(event.at)));
      item.appendChild(document.createTextNode(' — ' + event.what + ' — by ' + event.by));
      if (event.note) item.appendChild(el('q', event.note));
      list.appendChild(item);
    }
  }

  function showSignIn(message, isError) {
    show('signin-view');
    say(message || '', isError);
    const withAccount = signIn.mode === 'cognito';
    const named = signIn.mode === 'token' && signIn.reviewers === true;
    $('reviewer-name-field').hidden = !named;
    $('token-label').textContent = named ? 'Your token or password' : 'Review token';
    if (named) $('signin-token-hint').textContent = 'Enter your name and your own token or password. Leave the name empty to use the administrator\'s review token. Your sign-in is kept only in this browser tab.';
    $('signed-in-as').textContent = '';
    $('signin-token').hidden = withAccount;
    $('signin-account').hidden = !withAccount;
    $(withAccount ? 'signin-account-button' : named ? 'reviewer-name' : 'token').focus();
  }

  function renderCounts(counts) {
    const counts$ = $('counts');
    clear(counts$);
    for (const status of ['held', 'released', 'rejected', 'overridden']) {
      const item = el('span', STATUS_WORDS[status] + ': ' + (counts[status] || 0), 'count count-' + status);
      counts$.appendChild(item);
    }
  }

  function queueRow(item) {
    const row = document.createElement('tr');
    const refCell = document.createElement('td');
    const link = el('a', item.reference);
    link.href = '#/held/' + encodeURIComponent(item.reference);
    refCell.appendChild(link);
    row.appendChild(refCell);
    row.appendChild(el('td', when(item.heldAt)));
    row.appendChild(el('td', CHANNEL_WORDS[item.channel] || item.channel));
    row.appendChild(senderCell(item));
    row.appendChild(recipientsCell(item.recipients, item.recipientDomains));
    row.appendChild(el('td', item.channel === 'email' ? item.subject || '(no subject)' : '—'));
    row.appendChild(el('td', item.ruleIds.join(', ')));
    row.appendChild(el('td', STATUS_WORDS[item.status] || item.status, 'status-' + item.status));
    return row;
  }

  /** WhatsApp: the councillor's tooling, with the business number id it went from. */
  function senderCell(item) {
    const cell = document.createElement('td');
    if (item.channel === 'whatsapp' && item.tooling) {
      cell.appendChild(document.createTextNode(item.tooling));
      cell.appendChild(el('span', 'number id ' + item.sender, 'sub'));
    } else {
      cell.textContent = item.sender;
    }
    return cell;
  }

  /** Every recipient, outside ones marked; only the domains where that is all that was kept. */
  function recipientsList(recipients, domains) {
    if (!recipients || recipients.length === 0) {
      return document.createTextNode(domains && domains.length ? 'Domains: ' + domains.join(', ') : '—');
    }
    const list = el('ul', undefined, 'recipients');
    for (const recipient of recipients) {
      const item = el('li', recipient.shown);
      if (recipient.outside) {
        item.appendChild(document.createTextNode(' '));
        item.appendChild(el('span', 'outside', 'outside'));
      }
      list.appendChild(item);
    }
    return list;
  }

  function recipientsCell(recipients, domains) {
    const cell = document.createElement('td');
    cell.appendChild(recipientsList(recipients, domains));
    return cell;
  }

  const SORT_WORDS = { newest: 'newest first', oldest: 'oldest first', rule: 'by rule', councillor: 'by councillor' };
  const QUERY_FIELDS = ['q', 'status', 'channel', 'rule', 'domain', 'from', 'to', 'sort'];

  /** Rules seen in the queue, offered as the rule filter's suggestions. */
  function rememberRules(items) {
    const list = $('rule-options');
    const known = new Set(Array.from(list.children).map((o) => o.value));
    for (const item of items) {
      for (const rule of item.ruleIds) {
        if (known.has(rule)) continue;
        known.add(rule);
        const option = document.createElement('option');
        option.value = rule;
        list.appendChild(option);
      }
    }
  }

  async function loadQueue(append) {
    const query = new URLSearchParams(state.query);
    if (append && state.cursor) query.set('cursor', state.cursor);
    const page = await api('/api/held?' + query.toString());
    const rows = $('queue-rows');
    if (!append) clear(rows);
    for (const item of page.items) rows.appendChild(queueRow(item));
    rememberRules(page.items);
    state.cursor = page.nextCursor;
    $('more').hidden = !page.nextCursor;
    $('queue-empty').hidden = rows.children.length > 0;
    $('queue-table').hidden = rows.children.length === 0;
    renderCounts(page.counts);
    return page;
  }

  async function showQueue() {
    show('queue-view');
    const status = state.query.get('status') || 'held';
    const sort = state.query.get('sort') || 'newest';
    for (const name of QUERY_FIELDS) $('filter-' + name).value = state.query.get(name) || '';
    $('filter-status').value = status;
    $('filter-sort').value = sort;
    const words = (status === 'all' ? 'all' : (STATUS_WORDS[status] || status).toLowerCase()) + ' messages, ' + SORT_WORDS[sort];
    $('queue-caption').textContent = 'Held messages: ' + words;
    const page = await loadQueue(false);
    const searched = state.query.get('q') ? ' matching “' + state.query.get('q') + '”' : '';
    say(page.items.length === 0 ? '' : 'Showing ' + words + searched + '.');
  }

  function fact(list, term, value) {
    list.appendChild(el('dt', term));
    list.appendChild(el('dd', value));
  }

  /** A masked value in the text, numbered as in the findings table. */
  function maskedMark(piece) {
    const mark = el('mark', piece.masked, 'finding');
    mark.dataset.finding = String(piece.finding);
    mark.title = 'Finding ' + (piece.finding + 1);
    return mark;
  }

  function piecesInto(node, pieces) {
    for (const piece of pieces) {
      if (typeof piece.text === 'string') node.appendChild(document.createTextNode(piece.text));
      else if (piece.name) {
        const mark = el('mark', piece.masked, 'name');
        mark.title = 'A person\'s name (initials shown)';
        node.appendChild(mark);
      } else node.appendChild(maskedMark(piece));
    }
  }

  function findingRow(ref, finding) {
    const row = document.createElement('tr');
    if (!finding.counted) row.className = 'not-counted';
    row.appendChild(el('td', String(finding.index + 1)));
    row.appendChild(el('td', finding.what));
    row.appendChild(el('td', finding.location));
    const valueCell = document.createElement('td');
    const value = el('span', finding.masked || '—', 'masked-value');
    valueCell.appendChild(value);
    if (finding.masked) {
      const button = el('button', 'Show in full', 'link-button');
      button.type = 'button';
      button.setAttribute('aria-label', 'Show finding ' + (finding.index + 1) + ' in full (recorded)');
      button.addEventListener('click', async () => {
        try {
          const answer = await api('/api/held/' + encodeURIComponent(ref) + '/unmask', { json: { finding: finding.index } });
          value.textContent = answer.value;
          value.className = 'unmasked-value';
          button.remove();
          say('Finding ' + (finding.index + 1) + ' shown in full. This has been recorded.');
        } catch (error) {
          handleError(error);
        }
      });
      valueCell.appendChild(document.createTextNode(' '));
      valueCell.appendChild(button);
    }
    row.appendChild(valueCell);
    row.appendChild(el('td', finding.explanation));
    return row;
  }

  const CONTENT_NOTES = {
    available: 'Shown as text, as the recipient would read it. Formatting is not reproduced; highlighted values are partly hidden.',
    expired: 'The message itself has been deleted after the retention period. The record of the hold and any decision remain.',
    unreadable: 'The gateway could not read this message, so it cannot be shown here.',
  };

  function renderMessage(detail) {
    $('content-note').textContent = CONTENT_NOTES[detail.content] || '';
    const parts = $('message-parts');
    clear(parts);
    const attachments = $('attachments');
    clear(attachments);
    if (!detail.message) {
      attachments.appendChild(el('li', 'Not available.'));
      return;
    }
    for (const part of detail.message.parts) {
      const section = el('section', undefined, 'part part-' + part.kind);
      section.appendChild(el('h4', part.label.charAt(0).toUpperCase() + part.label.slice(1)));
      const text = el('pre', undefined, 'part-text');
      piecesInto(text, part.pieces);
      section.appendChild(text);
      if (part.truncated) section.appendChild(el('p', 'This part is longer than the page shows; the rest is not displayed.', 'hint'));
      parts.appendChild(section);
    }
    if (detail.message.attachments.length === 0) attachments.appendChild(el('li', 'None.'));
    for (const attachment of detail.message.attachments) {
      const item = document.createElement('li');
      piecesInto(item, attachment.name);
      const note = attachment.problem ? ' — could not be read: ' + attachment.problem : attachment.read ? ' — text shown above' : ' — not read';
      item.appendChild(document.createTextNode(note));
      attachments.appendChild(item);
    }
  }

  function renderDecision(detail) {
    const decided = $('decided');
    const forms = $('decide-forms');
    if (detail.status === 'held') {
      decided.hidden = true;
      forms.hidden = false;
      $('release-note').value = '';
      $('reject-reason').value = '';
      $('release-form').dataset.ref = detail.reference;
      $('reject-form').dataset.ref = detail.reference;
      const releasable = detail.content === 'available' || detail.content === 'unreadable';
      $('release-form').hidden = !releasable;
      return;
    }
    forms.hidden = true;
    decided.hidden = false;
    const review = detail.review || {};
    if (detail.status === 'overridden') {
      decided.textContent = 'The councillor (' + (review.by || 'unknown') + ') sent this message again with an override on ' + when(review.at) + ', and that copy was delivered. It cannot be released or rejected. Their reason: ' + (review.note || '');
      return;
    }
    const action = STATUS_WORDS[detail.status] || detail.status;
    decided.textContent = action + ' by ' + (review.by || 'unknown') + ' on ' + when(review.at) + '. ' + (detail.status === 'rejected' ? 'Reason: ' : 'Note: ') + (review.note || '');
  }

  async function showDetail(ref) {
    show('detail-view');
    say('Loading ' + ref + '…');
    const detail = await api('/api/held/' + encodeURIComponent(ref));
    $('detail-heading').textContent = 'Held message ' + detail.reference;
    const facts = $('detail-facts');
    clear(facts);
    fact(facts, 'Status', STATUS_WORDS[detail.status] || detail.status);
    fact(facts, 'Channel', CHANNEL_WORDS[detail.channel] || detail.channel);
    fact(facts, 'Held at', when(detail.heldAt));
    fact(facts, 'From', detail.sender);
    // IG must know who would receive the message before releasing it, not only their domains.
    facts.appendChild(el('dt', 'To'));
    facts.appendChild(el('dd')).appendChild(recipientsList(detail.recipients, detail.recipientDomains));
    if (detail.channel === 'email') fact(facts, 'Subject', detail.subject || '(no subject)');
    fact(facts, 'Content kept until', when(detail.expiresAt));

    $('detail-summary').textContent = detail.summary;
    const reasons = $('detail-reasons');
    clear(reasons);
    for (const reason of detail.reasons) {
      const item = document.createElement('li');
      item.appendChild(el('strong', reason.what));
      if (reason.explanation) item.appendChild(document.createTextNode(' — ' + reason.explanation));
      reasons.appendChild(item);
    }
    const rows = $('findings-rows');
    clear(rows);
    for (const finding of detail.findings) rows.appendChild(findingRow(detail.reference, finding));
    if (detail.findings.length === 0) {
      const row = document.createElement('tr');
      const cell = el('td', 'No individual findings are recorded for this message.');
      cell.colSpan = 5;
      row.appendChild(cell);
      rows.appendChild(row);
    }
    renderMessage(detail);
    renderTrail(detail);
    renderDecision(detail);
    say('');
    $('detail-heading').focus();
  }

  async function decide(form, action, field) {
    const textArea = form.elements[field];
    const text = textArea.value.trim();
    if (!text) {
      textArea.setAttribute('aria-invalid', 'true');
      textArea.focus();
      say(action === 'release' ? 'Write a note before releasing.' : 'Write the reason before rejecting: it is sent to the councillor.', true);
      return;
    }
    textArea.removeAttribute('aria-invalid');
    const ref = form.dataset.ref;
    const buttons = form.querySelectorAll('button');
    buttons.forEach((b) => (b.disabled = true));
    try {
      const body = {};
      body[field] = text;
      const result = await api('/api/held/' + encodeURIComponent(ref) + '/' + action, { json: body });
      await showDetail(ref);
      const told = result.councillorTold ? ' The councillor has been told.' : ' The councillor could not be told automatically.';
      say((action === 'release' ? 'Released and sent.' : 'Rejected.') + told);
    } catch (error) {
      handleError(error);
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  }

  // ---- queue filters and export ----

  /** The filter form as a query: empty fields left out, so the API's defaults apply. */
  function filterQuery() {
    const form = $('filters');
    const query = new URLSearchParams();
    for (const name of QUERY_FIELDS) {
      const value = form.elements[name].value.trim();
      if (value) query.set(name, value);
    }
    return query;
  }

  /** The filtered queue as a CSV file, fetched with the sign-in token and saved by the browser. */
  async function downloadCsv() {
    const response = await fetch('/api/held.csv?' + filterQuery().toString(), { headers: { authorization: 'Bearer ' + token(), accept: 'text/csv' } });
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      throw new SignInNeeded('Sign in again to download the queue.');
    }
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error(body.message || 'The download failed (' + response.status + ').');
    }
    const disposition = response.headers.get('content-disposition') || '';
    const name = (/filename="([^"]+)"/.exec(disposition) || [])[1] || 'held-messages.csv';
    const url = URL.createObjectURL(await response.blob());
    const link = el('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
    say('Downloaded ' + name + (response.headers.get('x-gateway-export-truncated') ? ' (stopped at its row limit: narrow the filters).' : '.'));
  }

  // ---- sent-before-review alerts ----

  const ALERT_WORDS = { open: 'Open', acknowledged: 'Acknowledged' };

  function acknowledgeForm(alert) {
    const form = el('form', undefined, 'ack-form');
    form.noValidate = true;
    const id = 'ack-' + alert.ref;
    const label = el('label', 'What was done (required)');
    label.htmlFor = id;
    const note = el('textarea');
    note.id = id;
    note.name = 'note';
    note.rows = 2;
    note.maxLength = 2000;
    const button = el('button', 'Acknowledge');
    button.type = 'submit';
    button.setAttribute('aria-label', 'Acknowledge ' + alert.ref);
    form.append(label, note, button);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = note.value.trim();
      if (!text) {
        note.setAttribute('aria-invalid', 'true');
        note.focus();
        say('Write what was done before acknowledging.', true);
        return;
      }
      button.disabled = true;
      try {
        await api('/api/alerts/' + encodeURIComponent(alert.ref) + '/acknowledge', { json: { note: text } });
        await showAlerts($('alert-status').value);
        say('Alert ' + alert.ref + ' acknowledged.');
      } catch (error) {
        handleError(error);
      } finally {
        button.disabled = false;
      }
    });
    return form;
  }

  function alertRow(alert) {
    const row = document.createElement('tr');
    row.appendChild(el('td', alert.ref));
    row.appendChild(el('td', when(alert.raisedAt)));
    const from = el('td', alert.businessNumber ? '+' + alert.businessNumber : 'number id ' + alert.sender);
    row.appendChild(from);
    row.appendChild(recipientsCell(alert.recipients.map((shown) => ({ shown: shown, outside: true })), []));
    row.appendChild(el('td', alert.ruleIds.join(', ')));
    row.appendChild(el('td', alert.unchecked ? 'Could not be checked' : alert.findings.map((f) => f.type + ' ×' + f.counted).join(', ')));
    const cell = document.createElement('td');
    if (alert.status === 'acknowledged' && alert.acknowledgement) {
      const ack = alert.acknowledgement;
      cell.appendChild(el('span', 'Acknowledged by ' + ack.by + ' on ' + when(ack.at) + '.', 'status-released'));
      cell.appendChild(el('span', ack.note, 'sub'));
    } else {
      cell.appendChild(acknowledgeForm(alert));
    }
    row.appendChild(cell);
    return row;
  }

  async function showAlerts(status) {
    show('alerts-view');
    say('');
    $('alert-status').value = status;
    const list = await api('/api/alerts?status=' + encodeURIComponent(status));
    const counts = $('alert-counts');
    clear(counts);
    for (const name of ['open', 'acknowledged']) counts.appendChild(el('span', ALERT_WORDS[name] + ': ' + (list.counts[name] || 0), 'count'));
    const rows = $('alert-rows');
    clear(rows);
    for (const alert of list.items) rows.appendChild(alertRow(alert));
    $('alerts-empty').hidden = list.items.length > 0;
    $('alerts-table').hidden = list.items.length === 0;
  }

  // ---- navigation ----

  function handleError(error) {
    if (error instanceof SignInNeeded) showSignIn(error.message);
    else say(error.message || 'Something went wrong.', true);
  }

  async function route() {
    if (!token()) return showSignIn();
    const match = /^#\/held\/([^/]{1,64})$/.exec(window.location.hash);
    try {
      if (!$('signed-in-as').textContent) await showWhoAmI();
      if (match) await showDetail(decodeURIComponent(match[1]));
      else if (window.location.hash === '#/alerts') await showAlerts($('alert-status').value || 'open');
      else await showQueue();
    } catch (error) {
      handleError(error);
    }
  }

  /** The sign-in settings; anything unexpected stops the page rather than guessing. */
  async function loadSignIn() {
    const response = await fetch('/review/config.json', { headers: { accept: 'application/json' } });
    const config = response.ok ? await response.json() : {};
    if (config.mode === 'token') return config;
    const strings = ['domain', 'clientId', 'redirectUri'].every((name) => typeof config[name] === 'string' && config[name] !== '');
    if (config.mode === 'cognito' && strings && Array.isArray(config.scopes)) return config;
    throw new Error('unexpected sign-in settings');
  }

  function signOut() {
    if (signIn.mode === 'token' && signIn.reviewers) {
      // Ends the session on the gateway too; the page forgets it whatever the answer.
      fetch('/api/session', { method: 'DELETE', headers: { authorization: 'Bearer ' + token() } }).catch(() => undefined);
    }
    sessionStorage.removeItem(TOKEN_KEY);
    $('signed-in-as').textContent = '';
    if (signIn.mode !== 'cognito') return showSignIn('Signed out.');
    sessionStorage.removeItem(window.reviewSignIn.PENDING_KEY);
    // Cognito's own session ends too, or the next "Sign in" would go straight through.
    window.location.assign(window.reviewSignIn.signOutUrl(signIn));
  }

  function wire() {
    $('signin-account-button').addEventListener('click', () => {
      window.reviewSignIn.start(signIn, window.location.hash).catch(() => say('Could not start signing in. Reload the page and try again.', true));
    });
    $('signin-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = $('token').value.trim();
      const name = $('reviewer-name').value.trim();
      if (!value) {
        say(name ? 'Enter your token or password.' : 'Enter the review token.', true);
        return;
      }
      $('token').value = '';
      if (name) {
        // A named reviewer swaps name and password for a session token once.
        const response = await fetch('/api/session', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ name: name, password: value }),
        }).catch(() => undefined);
        const body = response ? await response.json().catch(() => ({})) : {};
        if (!response || !response.ok || typeof body.token !== 'string') {
          say(body.message || 'Signing in did not work. Try again.', true);
          $('token').focus();
          return;
        }
        sessionStorage.setItem(TOKEN_KEY, body.token);
      } else {
        sessionStorage.setItem(TOKEN_KEY, value);
      }
      say('');
      route();
    });
    $('sign-out').addEventListener('click', signOut);
    $('filters').addEventListener('submit', (event) => {
      event.preventDefault();
      state.query = filterQuery();
      state.cursor = undefined;
      showQueue().catch(handleError);
    });
    $('export').addEventListener('click', () => downloadCsv().catch(handleError));
    $('alert-filters').addEventListener('submit', (event) => {
      event.preventDefault();
      showAlerts(event.target.elements.status.value).catch(handleError);
    });
    $('more').addEventListener('click', () => loadQueue(true).catch(handleError));
    $('release-form').addEventListener('submit', (event) => {
      event.preventDefault();
      decide(event.target, 'release', 'note');
    });
    $('reject-form').addEventListener('submit', (event) => {
      event.preventDefault();
      decide(event.target, 'reject', 'reason');
    });
    window.addEventListener('hashchange', route);
  }

  async function start() {
    try {
      signIn = await loadSignIn();
    } catch {
      say('The review page could not load its sign-in settings. Reload the page to try again.', true);
      return;
    }
    wire();
    if (signIn.mode === 'cognito') {
      try {
        const idToken = await window.reviewSignIn.complete(signIn);
        if (idToken) sessionStorage.setItem(TOKEN_KEY, idToken);
      } catch (error) {
        return showSignIn(error.message, true);
      }
    }
    route();
  }

  start();
})();
