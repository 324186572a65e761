// The staff console's service worker (registered with scope /ops by web/src/ops/main.tsx): keeps
// the console itself — its HTML shell, scripts, styles, map outlines — so a field officer who
// loses signal can still open it and record taps into the outbox (IndexedDB, never this cache).
// It never keeps an answer of the API: people's names, manifests and movements stay out of every
// cache. It ignores every request that is not a GET. The public page has its own worker (sw.js).
'use strict';
var CACHE = 'ops-v1';
var SHELL = '/ops';
var STATIC = /^\/(assets|geo)\//;

function cacheShell() {
  return caches.open(CACHE).then(function (cache) {
    return fetch(SHELL, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) return undefined;
      var copy = response.clone();
      return response.text().then(function (html) {
        // The scripts and styles the shell names: kept now, so the first offline visit works.
        var assets = [];
        var re = /(?:src|href)="(\/assets\/[^"]+)"/g;
        var m;
        while ((m = re.exec(html))) assets.push(m[1]);
        return cache.put(SHELL, copy).then(function () {
          return cache.addAll(assets).catch(function () {});
        });
      });
    });
  });
}

self.addEventListener('install', function (event) {
  event.waitUntil(
    cacheShell()
      .catch(function () {})
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
          keys
            .filter(function (k) {
              return k.indexOf('ops-') === 0 && k !== CACHE;
            })
            .map(function (k) {
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
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && (url.pathname === '/ops' || url.pathname.indexOf('/ops/') === 0)) {
    // Every console address is the same shell: the network first (a fix must reach phones), the
    // kept shell without signal.
    event.respondWith(
      fetch(request)
        .then(function (response) {
          if (response.ok) {
            var copy = response.clone();
            caches.open(CACHE).then(function (cache) {
              return cache.put(SHELL, copy);
            });
          }
          return response;
        })
        .catch(function () {
          return caches.match(SHELL).then(function (hit) {
            return hit || Response.error();
          });
        }),
    );
    return;
  }
  if (!STATIC.test(url.pathname)) return;
  // Hashed assets and map outlines never change under one name: the kept copy first.
  event.respondWith(
    caches.match(request).then(function (hit) {
      return (
        hit ||
        fetch(request).then(function (response) {
          if (response.ok) {
            var copy = response.clone();
            caches.open(CACHE).then(function (cache) {
              return cache.put(request, copy);
            });
          }
          return response;
        })
      );
    }),
  );
});
