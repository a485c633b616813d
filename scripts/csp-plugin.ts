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
  // The web app manifest and the service worker, both from the app's own origin (public/).
  "manifest-src 'self'",
];

export function cspMeta(scriptSrc: string): string {
  const policy = [...BASE, `script-src ${scriptSrc}`].join('; ');
  return `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
}

/**
 * The single file travels alone and is opened from disk, so it links nothing beside it: its icon goes inline
 * (img-src allows data:), and the manifest goes, since installing an app needs http(s) and a file:// page
 * asking for one would be a request outside the file.
 */
function selfContained(html: string, publicDir: string): string {
  const icon = readFileSync(join(publicDir, 'icon.svg')).toString('base64');
  return html
    .replace(/<link rel="icon"[^>]*>/, `<link rel="icon" href="data:image/svg+xml;base64,${icon}" />`)
    .replace(/\s*<link rel="manifest"[^>]*>/, '');
}

/** Adds the CSP to the built page; with `inlineScripts`, hashes the scripts inlined by the single-file build. */
export function csp({ inlineScripts }: { inlineScripts: boolean }): Plugin {
  let publicDir = 'public';
  return {
    name: 'kafka-stage-csp',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (inlineScripts) return selfContained(html, publicDir);
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
