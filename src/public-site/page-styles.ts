import { createHash } from 'node:crypto';

/**
 * The public page's whole stylesheet, inlined so the first visit is one round trip. Colours keep
 * at least 4.5:1 contrast; status is said in words too, never by colour alone. The layout is one
 * column that reflows down to 180 CSS px (a 360 px phone at 200 % zoom).
 */
export const PAGE_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f4f5f7;overflow-wrap:anywhere}
a{color:#0b4f8a}
a:focus-visible,button:focus-visible{outline:3px solid #c35a00;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:9}
.skip:focus{left:.5rem}
header{background:#12263a;color:#fff;padding:.75rem 1rem}
header a{color:#fff}
.brand{margin:0;font-size:1.25rem}
nav ul{list-style:none;margin:.25rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav a[aria-current]{font-weight:700;text-decoration:none}
main{max-width:42rem;margin:0 auto;padding:1rem}
h2{font-size:1.2rem;margin:1.25rem 0 .5rem}
.asof{font-weight:600}
.stale{background:#fff4d6;border-left:4px solid #a86500;padding:.5rem .75rem}
.safety{background:#fff;border-left:4px solid #12263a;padding:.5rem .75rem}
.c{background:#fff;border:1px solid #c9ced6;border-left:8px solid #5c6670;border-radius:4px;padding:.75rem 1rem;margin:0 0 1rem}
.c h3{margin:0;font-size:1.15rem}
.badge{display:inline-block;margin:.35rem 0;padding:.15rem .6rem;border-radius:3px;font-weight:700;color:#fff;background:#5c6670}
.c-open{border-left-color:#136f2f}.c-open .badge{background:#136f2f}
.c-agreed{border-left-color:#0b4f8a}.c-agreed .badge{background:#0b4f8a}
.c-suspended{border-left-color:#b3261e}.c-suspended .badge{background:#b3261e}
.c-closed .badge{background:#4a525a}
.advice{font-weight:600;margin:.25rem 0}
dl{margin:.5rem 0}
dt{font-weight:700;margin-top:.5rem}
dd{margin:0}
.alt{display:block;color:#40474f}
.map{display:block;width:100%;max-width:340px;height:auto;border:1px solid #c9ced6;margin:.5rem 0;background:#eef3f7}
.pts{margin:.25rem 0;padding-left:1.25rem}
.muted .pts{color:#5c6670}
.muted .pts-note{color:#b3261e;font-weight:700}
.ann{background:#eef3f8;padding:.5rem .75rem;margin:.5rem 0 0}
footer{max-width:42rem;margin:0 auto;padding:1rem}
`.replace(/\n/g, '');

/** The CSP source for the inline stylesheet (`style-src 'sha256-…'`). */
export const PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`;
