// Pépite's one script, and only an enhancement: every page works without it.
//
// Search filters apply as soon as a box is ticked or a sort chosen, so nobody hunts for the
// button at the bottom of a long list on a phone. Typed fields (words, prices) still wait for
// the button or Enter: applying them on blur would reload the page mid-typing.
document.addEventListener('change', (event) => {
  const field = event.target;
  const form = field.closest('form[data-auto-apply]');
  if (!form || !(field.type === 'checkbox' || field.tagName === 'SELECT')) return;
  const url = new URL(form.action);
  for (const [name, value] of new FormData(form)) {
    if (String(value).trim() !== '') url.searchParams.append(name, value);
  }
  // On a phone the filters are open (the #filters target): keep them open to tick the next.
  if (document.querySelector('.filters:target')) url.hash = 'filters';
  window.location.assign(url);
});

// A seller's photos reorder by drag and drop; the buttons beside each photo do the same
// without the script. On drop, the new order is sent as the hidden form's comma list.
let dragged = null;
document.addEventListener('dragstart', (event) => {
  const item = event.target.closest && event.target.closest('[data-reorder] > li');
  if (!item) return;
  dragged = item;
  item.classList.add('dragging');
  event.dataTransfer.effectAllowed = 'move';
  event.dataTransfer.setData('text/plain', item.dataset.photo);
});
document.addEventListener('dragover', (event) => {
  const item = dragged && event.target.closest && event.target.closest('[data-reorder] > li');
  if (!item || item.parentElement !== dragged.parentElement) return;
  event.preventDefault();
  for (const other of item.parentElement.children) other.classList.toggle('drop-target', other === item && item !== dragged);
});
document.addEventListener('dragend', () => {
  if (!dragged) return;
  dragged.classList.remove('dragging');
  for (const other of dragged.parentElement.children) other.classList.remove('drop-target');
  dragged = null;
});
document.addEventListener('drop', (event) => {
  const item = dragged && event.target.closest && event.target.closest('[data-reorder] > li');
  if (!item || item === dragged || item.parentElement !== dragged.parentElement) return;
  event.preventDefault();
  const list = item.parentElement;
  const items = [...list.children];
  // Dropped on a later photo, it goes after it; on an earlier one, before it.
  list.insertBefore(dragged, items.indexOf(dragged) < items.indexOf(item) ? item.nextSibling : item);
  const form = document.getElementById(list.dataset.reorder);
  form.elements.order.value = [...list.children].map((li) => li.dataset.photo).join(',');
  form.submit();
});

// A long upload (a brand's whole catalogue) shows a progress bar while the browser sends it
// and the server reads it, filled from the lines the server has written so far; without the
// script the page simply waits for its report.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!form.matches || !form.matches('form[data-progress]')) return;
  const bar = form.querySelector('.upload-progress');
  if (bar) bar.hidden = false;
  const poll = form.dataset.progress;
  const meter = form.querySelector('progress');
  if (!poll || !poll.includes('{token}') || !meter || !window.crypto) return;
  // The upload's name, for the server to count its lines under: changing the action here
  // still changes this submission, whose address is read after the event.
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  const token = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  const action = new URL(form.action, window.location.href);
  action.searchParams.set('progress', token);
  form.action = action.toString();
  // Timers keep running until the report's page replaces this one.
  const tick = () => {
    fetch(poll.replace('{token}', token), { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() : null))
      .then((p) => {
        if (p && p.total > 0) {
          meter.max = p.total;
          meter.value = p.done;
          meter.textContent = `${p.done} / ${p.total}`;
        }
      })
      .catch(() => {})
      .finally(() => window.setTimeout(tick, 500));
  };
  window.setTimeout(tick, 300);
});

// The chat (S1). The launcher every page carries is a link to /support; here it opens the
// chat's own pages in a panel over the current page instead, so the person keeps their place.
document.addEventListener('click', (event) => {
  const launcher = event.target.closest && event.target.closest('a[data-chat-panel]');
  if (!launcher) return;
  event.preventDefault();
  let panel = document.getElementById('chat-panel');
  if (!panel) {
    panel = document.createElement('dialog');
    panel.id = 'chat-panel';
    panel.className = 'chat-panel';
    panel.setAttribute('aria-label', launcher.dataset.chatTitle);
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'chat-close';
    close.textContent = launcher.dataset.chatClose;
    close.addEventListener('click', () => panel.close());
    const frame = document.createElement('iframe');
    frame.title = launcher.dataset.chatTitle;
    frame.src = launcher.dataset.chatPanel;
    panel.append(close, frame);
    document.body.append(panel);
  }
  panel.show();
});

// A conversation's thread follows new messages live (server-sent events) and its reply form
// sends without leaving the page; the message then arrives through the same feed. Without
// the script the form posts and the page reloads, which shows the same thing.
for (const thread of document.querySelectorAll('ol.chat[data-events]')) {
  if (!window.EventSource) break;
  const feed = new EventSource(thread.dataset.events);
  feed.addEventListener('message', (event) => {
    const m = JSON.parse(event.data);
    if (thread.querySelector(`li[data-id="${m.id}"]`)) return;
    const item = document.createElement('li');
    item.className = `from-${m.author}`;
    item.dataset.id = m.id;
    const who = document.createElement('p');
    who.className = 'who';
    who.textContent = `${m.who} `;
    const at = document.createElement('span');
    at.className = 'muted';
    at.textContent = m.at;
    who.append(at);
    item.append(who);
    if (m.body) {
      const body = document.createElement('p');
      body.className = 'body';
      body.textContent = m.body;
      item.append(body);
    }
    if (m.files && m.files.length) {
      const list = document.createElement('ul');
      list.className = 'chat-files';
      for (const f of m.files) {
        const link = document.createElement('a');
        link.href = f.url;
        if (f.photo) {
          link.target = '_blank';
          link.rel = 'noopener';
          const img = document.createElement('img');
          img.src = f.url;
          img.alt = '';
          link.append(img);
        } else {
          link.download = '';
        }
        const name = document.createElement('span');
        name.textContent = f.name;
        link.append(name);
        const entry = document.createElement('li');
        entry.append(link);
        list.append(entry);
      }
      item.append(list);
    }
    thread.append(item);
    item.scrollIntoView({ block: 'nearest' });
  });
  const form = thread.parentElement.querySelector('form.chat-reply');
  if (!form) continue;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    // Sent as the form would be (multipart, files included); the browser sets the boundary.
    const sent = await fetch(form.action, { method: 'POST', body: new FormData(form) })
      .catch(() => null);
    // A refusal (an empty message, a flood) is drawn by the server's page, as without script.
    if (sent && sent.ok && sent.redirected) {
      form.reset();
    } else {
      form.submit();
    }
  });
}

// Times of the chat's pages are written in Paris time; the reader sees their own.
for (const time of document.querySelectorAll('time[data-local]')) {
  const at = new Date(time.getAttribute('datetime'));
  if (Number.isNaN(at.getTime())) continue;
  time.textContent = new Intl.DateTimeFormat(document.documentElement.lang, {
    dateStyle: 'full', timeStyle: 'short',
  }).format(at);
  const paris = time.nextElementSibling;
  if (paris && paris.classList.contains('muted')) paris.remove();
}
