import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The GraphQL IDE at GET /ide: GraphiQL with React from this installation's node_modules,
 * nothing from a CDN (the hub's machines and many municipal networks have no internet). The
 * Content-Security-Policy allows this origin only, so a browser makes no outside request even
 * if a bundle tried. The IDE calls /graphql like any client: CSRF prevention, CORS, auth and
 * limits apply; a token goes in its Headers tab. Example queries: examples/*.graphql.
 */

const require = createRequire(import.meta.url);
const here = new URL('.', import.meta.url);

/** A file of an installed package (UMD bundles are not in the packages' `exports`). */
const fromPackage = (pkg: string, file: string) => join(dirname(require.resolve(`${pkg}/package.json`)), file);

const ASSETS: Record<string, { file: string; type: string }> = {
  'react.production.min.js': { file: fromPackage('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.production.min.js': { file: fromPackage('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.min.js': { file: fromPackage('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.min.css': { file: fromPackage('graphiql', 'graphiql.min.css'), type: 'text/css' },
  'ide.js': { file: new URL('ide.js', here).pathname, type: 'text/javascript' },
  'ide.css': { file: new URL('ide.css', here).pathname, type: 'text/css' },
};

const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "font-src 'self' data:", "connect-src 'self'", "worker-src 'self' blob:", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'",
].join('; ');

export interface IdeExample {
  name: string;
  query: string;
}

/** The example queries, in file-name order. */
export function ideExamples(): IdeExample[] {
  const dir = new URL('examples/', here);
  return readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort()
    .map((f) => ({ name: f.replace(/^\d+-|\.graphql$/g, ''), query: readFileSync(new URL(f, dir), 'utf8') }));
}

interface Body { plain: Buffer; gzip: Buffer; type: string }

function body(text: Buffer, type: string): Body {
  return { plain: text, gzip: gzipSync(text), type };
}

/** A handler for the `pages` hook of lib/http/serve.ts; files are read and compressed once, on first use. */
export function ideHandler(): (req: IncomingMessage, res: ServerResponse, path: string) => void {
  const cache = new Map<string, Body>();
  const page = (): Body => {
    // JSON inside <script type="application/json">: escape `<` so no text can close the element.
    const examples = JSON.stringify(ideExamples()).replace(/</g, '\\u003c');
    const html = readFileSync(new URL('index.html', here), 'utf8').replace('__EXAMPLES__', () => examples);
    return body(Buffer.from(html), 'text/html; charset=utf-8');
  };
  const lookup = (path: string): Body | undefined => {
    if (cache.has(path)) return cache.get(path);
    let found: Body | undefined;
    if (path === '' || path === '/') found = page();
    else if (path.startsWith('/assets/') && Object.hasOwn(ASSETS, path.slice(8))) {
      const asset = ASSETS[path.slice(8)];
      found = body(readFileSync(asset.file), `${asset.type}; charset=utf-8`);
    }
    if (found) cache.set(path, found);
    return found;
  };
  return (req, res, path) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405, { allow: 'GET, HEAD' }).end(); return; }
    const found = lookup(path);
    if (!found) { res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found'); return; }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const data = gzip ? found.gzip : found.plain;
    res.writeHead(200, {
      'content-type': found.type,
      'content-length': data.length,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : data);
  };
}
