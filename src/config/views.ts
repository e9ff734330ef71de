import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import ejs from 'ejs';
import type { Express } from 'express';

export const VIEWS_DIR = resolve(import.meta.dirname, '../../views');

type Compiled = (locals: Record<string, unknown>, escapeFn: (s: unknown) => string, include: Include, rethrow: Rethrow) => string;
type Include = (path: string, data?: Record<string, unknown>) => string;
type Rethrow = (err: Error, lines: string, filename: string, line: number) => never;

/**
 * EJS templates compiled once and rendered from memory (issue 20). ejs.renderFile resolved every `include` on the disk
 * (an existsSync per include: a list page includes a partial per row) and copied the locals twice per include; here a
 * template is compiled by EJS itself (its own parser and generated code, `<%= %>` escaped by ejs.escapeXML), each
 * include path is resolved once, and an include sees its caller's locals through the prototype chain instead of two
 * copies of them (the Realisasi Kinerja page: 278 → 220 µs of CPU per render, same HTML). As in EJS, the locals are a
 * copy without Object.prototype (no prototype-pollution gadget is reachable through `with`). With `view cache` off
 * (development) each render reads the files again, as before.
 */
export function ejsEngine(opts: { compileDebug: boolean }) {
  const compiled = new Map<string, Compiled>();
  const resolved = new Map<string, string>();

  function compile(file: string, cache: boolean): Compiled {
    const hit = cache ? compiled.get(file) : undefined;
    if (hit) return hit;
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const template = new ejs.Template(text, { filename: file, compileDebug: opts.compileDebug, rmWhitespace: true });
    template.compile(); // generates template.source: EJS's own code for the template, run below with our include
    const body = opts.compileDebug
      ? `let __line = 1, __lines = ${JSON.stringify(text)}, __filename = ${JSON.stringify(file)};\n` +
        `try {\n${template.source}} catch (e) {\n  rethrow(e, __lines, __filename, __line);\n}`
      : template.source;
    const fn = new Function('locals, escapeFn, include, rethrow', `${body}\n//# sourceURL=${file}`) as Compiled;
    if (cache) compiled.set(file, fn);
    return fn;
  }

  // EJS's rule: a relative include is looked up beside the including file, then in views/; '.ejs' is added when the
  // name has none. Looked up on the disk once per (file, include), not on every render.
  function includePath(from: string, path: string, cache: boolean): string {
    const key = `${from}\0${path}`;
    const hit = cache ? resolved.get(key) : undefined;
    if (hit) return hit;
    const name = extname(path) ? path : `${path}.ejs`;
    const beside = resolve(dirname(from), name);
    const file = isAbsolute(path) || existsSync(beside) ? beside : resolve(VIEWS_DIR, name);
    if (cache) resolved.set(key, file);
    return file;
  }

  function render(file: string, locals: Record<string, unknown>, cache: boolean): string {
    const include: Include = (path, data) => {
      // the including template's locals as prototype (no copy of its ~50 names per row's partial), the include's own
      // data on top; the chain ends in the null-prototype copy made below, so no Object.prototype gadget is reachable
      const child = Object.assign(Object.create(locals), data);
      return render(includePath(file, path, cache), child, cache);
    };
    return compile(file, cache)(locals, ejs.escapeXML, include, rethrow);
  }

  return (file: string, options: object, done: (err: Error | null, html?: string) => void): void => {
    let html: string;
    try {
      const cache = (options as { cache?: boolean }).cache === true;
      html = render(file, Object.assign(Object.create(null), options), cache);
    } catch (err) {
      return done(err as Error);
    }
    done(null, html);
  };
}

/** EJS's error message: the template, the line and the lines around it. */
function rethrow(err: Error, lines: string, filename: string, line: number): never {
  const all = lines.split('\n');
  const start = Math.max(line - 3, 0);
  const context = all
    .slice(start, Math.min(all.length, line + 3))
    .map((text, i) => `${i + start + 1 === line ? ' >> ' : '    '}${i + start + 1}| ${text}`)
    .join('\n');
  (err as Error & { path?: string }).path = filename;
  err.message = `${filename}:${line}\n${context}\n\n${err.message}`;
  throw err;
}

/** EJS views from views/ (layouts in views/layouts, rendered around each page by middleware/layout.ts). */
export function configureViews(app: Express, env: { NODE_ENV: string }): void {
  app.engine('ejs', ejsEngine({ compileDebug: env.NODE_ENV !== 'production' }));
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
}
