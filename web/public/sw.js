// The public page's service worker: keeps the last copy of the page in each language and of the
// public corridor list, and serves them when the network is gone. It touches nothing else: never
// /ops, never the staff API, never a POST (the tracing form's questions are personal).
'use strict';
var CACHE = 'public-v2';
var PAGES = ['/', '/uk', '/ru', '/en'];
var MAP = /^\/api\/v1\/public\/corridors\/[^/]+\/map\.svg$/;
var KEPT = PAGES.concat(['/api/v1/public/corridors', '/public-page.js', '/favicon.svg']);

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(function (cache) {
        return cache.addAll(['/public-page.js', '/favicon.svg']);
      })
      .then(function () {
        return self.skipWaiting();
      }),
  );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (keys) {
        return Promise.all(
          keys.filter(function (k) {
            return k !== CACHE;
          }).map(function (k) {
            return caches.delete(k);
          }),
        );
      })
      .then(function () {
        return self.clients.claim();
      }),
  );
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  // A corridor's route map is kept per language (its query), so the offline page still shows it.
  var isMap = MAP.test(url.pathname);
  if (url.origin !== self.location.origin || (KEPT.indexOf(url.pathname) === -1 && !isMap)) return;
  // The page and the list: the network first (a status must be fresh), the last copy offline.
  // The query is left out of the key so `/?lang=en` and `/en` share nothing personal by design.
  var key = url.pathname === '/' && url.searchParams.get('lang') ? '/' + url.searchParams.get('lang') : url.pathname;
  if (PAGES.indexOf(key) === -1 && key !== url.pathname) key = url.pathname;
  if (isMap) key = url.pathname + url.search;
  event.respondWith(
    fetch(request)
      .then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) {
            return cache.put(key, copy);
          });
        }
        return response;
      })
      .catch(function () {
        return caches.open(CACHE).then(function (cache) {
          return cache.match(key, { ignoreVary: true }).then(function (hit) {
            return hit || Response.error();
          });
        });
      }),
  );
});
