// The public page's service worker: keeps the last copy of the page in each language and of the
// public corridor list, and serves them when the network is gone. It touches nothing else: never
// /ops, never the staff API, never a POST (the tracing form's questions are personal).
'use strict';
var CACHE = 'public-v1';
var PAGES = ['/', '/uk', '/ru', '/en'];
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
  if (url.origin !== self.location.origin || KEPT.indexOf(url.pathname) === -1) return;
  // The page and the list: the network first (a status must be fresh), the last copy offline.
  // The query is left out of the key so `/?lang=en` and `/en` share nothing personal by design.
  var key = url.pathname === '/' && url.searchParams.get('lang') ? '/' + url.searchParams.get('lang') : url.pathname;
  if (PAGES.indexOf(key) === -1 && key !== url.pathname) key = url.pathname;
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
