/**
 * A Content-Security-Policy that allows nothing the app does not need: its own scripts only (no eval, no
 * inline script), no network beyond its own origin, no plugins, no frames. The normal build loads its
 * script from a file ('self'); the single-file build has to inline it, so it names that exact script by
 * its SHA-256 hash instead. Styles allow 'unsafe-inline' because the query editor (CodeMirror) injects its
 * style sheets at run time; styles cannot run code.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

const BASE = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "worker-src 'self'",
];

export function cspMeta(scriptSrc: string): string {
  const policy = [...BASE, `script-src ${scriptSrc}`].join('; ');
  return `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
}

/** Adds the CSP to the built page; with `inlineScripts`, hashes the scripts inlined by the single-file build. */
export function csp({ inlineScripts }: { inlineScripts: boolean }): Plugin {
  return {
    name: 'kafka-stage-csp',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (inlineScripts) return html;
        return html.replace('<head>', `<head>\n    ${cspMeta("'self'")}`);
      },
    },
    // After every other plugin has written its output (the single-file plugin inlines scripts while
    // generating the bundle), so the hashes are of the scripts exactly as they ship.
    writeBundle(options, bundle) {
      if (!inlineScripts || !options.dir) return;
      for (const name of Object.keys(bundle)) {
        if (!name.endsWith('.html')) continue;
        const path = join(options.dir, name);
        const html = readFileSync(path, 'utf8');
        const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
          .filter((m) => m[1]!.trim() !== '')
          .map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
        writeFileSync(path, html.replace('<head>', `<head>\n    ${cspMeta(hashes.join(' ') || "'none'")}`));
      }
    },
  };
}
