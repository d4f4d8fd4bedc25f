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
