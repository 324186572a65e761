// The public page's only script, and optional: every fact is already in the HTML. It keeps the
// page live (a corridor change re-fetches this page and swaps <main>), registers the offline copy
// (sw.js), and says how old a copy is when the network is gone. Plain script, no framework, so a
// cheap phone on a slow link pays a few hundred bytes for it.
(function () {
  'use strict';
  var main = document.getElementById('main');
  if (!main) return;

  function age(ms) {
    var m = main;
    var minutes = Math.max(1, Math.round(ms / 60000));
    return minutes < 60
      ? (m.dataset.minutes || '{{n}} min').replace('{{n}}', String(minutes))
      : (m.dataset.hours || '{{n}} h').replace('{{n}}', String(Math.round(minutes / 60)));
  }

  function showStale() {
    var asOf = document.getElementById('asof');
    var generated = Date.parse(main.dataset.generatedAt || '');
    if (!asOf || isNaN(generated) || !main.dataset.stale) return;
    asOf.textContent = main.dataset.stale.replace('{{age}}', age(Date.now() - generated));
    asOf.className = 'asof stale';
    asOf.setAttribute('role', 'status');
    asOf.setAttribute('data-stale', 'true');
  }

  var refreshing = null;
  function refresh() {
    if (refreshing) return refreshing;
    refreshing = fetch(location.pathname + location.search, { cache: 'no-store', headers: { accept: 'text/html' } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html').getElementById('main');
        if (!next) return;
        main.innerHTML = next.innerHTML;
        for (var i = 0; i < next.attributes.length; i++) main.setAttribute(next.attributes[i].name, next.attributes[i].value);
      })
      .catch(showStale)
      .then(function () {
        refreshing = null;
      });
    return refreshing;
  }

  if (!navigator.onLine) showStale();
  window.addEventListener('offline', showStale);
  window.addEventListener('online', refresh);

  if ('EventSource' in window) {
    var stream = new EventSource('/api/v1/public/stream');
    var timer = 0;
    stream.addEventListener('corridor', function () {
      // Changes come in bursts (a decision, then the status it opens): one fetch for the burst.
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    });
    stream.addEventListener('error', function () {
      if (!navigator.onLine) showStale();
    });
  }

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function () {
      // No offline copy (private mode, old browser): the page still works online.
    });
  }
})();
