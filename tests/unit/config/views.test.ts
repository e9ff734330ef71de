// The app's EJS engine (src/config/views.ts, issue 20) renders exactly what EJS's own renderFile renders with the same
// options (rmWhitespace: the templates' indentation is not sent): the same templates, includes with and without data,
// partials beside the caller or found in views/, escaping; and it keeps
// EJS's safety: an include cannot change its caller's locals, and Object.prototype cannot replace include or escaping.
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ejs from 'ejs';
import { afterEach, describe, expect, it } from 'vitest';
import { ejsEngine, VIEWS_DIR } from '../../../src/config/views.ts';

const dir = mkdtempSync(join(tmpdir(), 'ekinerja-views-'));
const file = (name: string, text: string) => {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const page = file(
  'fitur/index.ejs',
  `<h1><%= judul %></h1>
    <p class="x">  indentasi   di dalam tetap  </p>
<% for (const e of entri) { %><%- include('_baris', { e }) %><% } %>
<%- include('../partials/kaki') %>
<% judul = 'diubah di halaman' %><%= judul %>`,
);
file('fitur/_baris.ejs', `<li><%= e.nama %> · <%= catatan %><% catatan = 'diubah di partial' %></li>\n`);
file('partials/kaki.ejs', `<footer><%= locals.tahun ?? 'tanpa tahun' %> <%- include('_tanda') %></footer>`);
file('partials/_tanda.ejs', '<small>&copy;</small>');
const data = () => ({
  judul: 'Realisasi <b>Kinerja</b>',
  catatan: 'catatan "asli" & <i>awal</i>',
  tahun: 2026,
  entri: [{ nama: 'Rina <script>' }, { nama: "Fajar's" }],
  settings: { views: dir },
});

const renderWith = (engine: ReturnType<typeof ejsEngine>, path: string, locals: object, cache = true) =>
  new Promise<string>((ok, fail) => engine(path, { ...locals, cache }, (err, html) => (err ? fail(err) : ok(html!))));
const byEjs = (path: string, locals: object) =>
  new Promise<string>((ok, fail) => ejs.renderFile(path, locals, { rmWhitespace: true }, (err, html) => (err ? fail(err) : ok(html))));

describe('the EJS engine', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).include;
    delete (Object.prototype as Record<string, unknown>).escapeFn;
  });

  it('when a page with nested includes, include data and escaped values is rendered, then the HTML is byte for byte what EJS renders, from memory and from disk', async () => {
    const expected = await byEjs(page, data());
    expect(expected).toContain('Rina &lt;script&gt;');
    expect(expected).toContain('</h1>\n<p class="x">  indentasi   di dalam tetap  </p>\n'); // the line's indentation only
    expect(await renderWith(ejsEngine({ compileDebug: false }), page, data())).toBe(expected);
    const debug = ejsEngine({ compileDebug: true });
    expect(await renderWith(debug, page, data(), false)).toBe(expected);
    expect(await renderWith(debug, page, data())).toBe(expected);
    expect(await renderWith(debug, page, data())).toBe(expected); // the second time from the compiled cache
  });

  it("when a partial assigns to a name, then the caller's value is unchanged (each include has its own locals)", async () => {
    const html = await renderWith(ejsEngine({ compileDebug: false }), page, data());
    expect(html.match(/catatan &#34;asli&#34; &amp; &lt;i&gt;awal&lt;\/i&gt;/g)).toHaveLength(2);
    expect(html).not.toContain('diubah di partial');
    expect(html).toContain('diubah di halaman');
  });

  it("when Object.prototype carries an 'include' or 'escapeFn', then a template still includes its partials and escapes its values (no gadget), as with EJS", async () => {
    const probe = file('probe.ejs', `<%= '<b>' %>|<%- include('partials/_tanda') %>`);
    (Object.prototype as Record<string, unknown>).include = () => 'dibajak';
    (Object.prototype as Record<string, unknown>).escapeFn = (s: unknown) => s;
    const locals = { settings: { views: dir } };
    const html = await renderWith(ejsEngine({ compileDebug: false }), probe, locals);
    expect(html).toBe('&lt;b&gt;|<small>&copy;</small>');
    expect(html).toBe(await byEjs(probe, locals));
  });

  it('when a template fails, then the error names the file and the line, as EJS does', async () => {
    const broken = file('rusak.ejs', 'baris satu\n<%= tidakAda.nama %>\n');
    const err = await renderWith(ejsEngine({ compileDebug: true }), broken, {}).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain(`${broken}:2`);
    expect((err as Error).message).toContain(' >> 2| <%= tidakAda.nama %>');
  });

  it('when every view of the app is compiled, then none fails', async () => {
    const views: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ejs')) views.push(p);
      }
    };
    walk(VIEWS_DIR);
    expect(views.length).toBeGreaterThan(50);
    const engine = ejsEngine({ compileDebug: true });
    for (const v of views) {
      // rendering with no locals fails on the first missing name, but only after the template compiled
      const err = await renderWith(engine, v, {}).catch((e: Error) => e);
      if (err instanceof Error) expect(err.message, relative(VIEWS_DIR, v)).not.toMatch(/while compiling ejs|SyntaxError/);
    }
  });
});
