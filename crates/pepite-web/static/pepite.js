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
