import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF written by PDFKit with its built-in fonts: each content stream inflated, the hex strings of its
 * TJ arrays decoded (WinAnsi ≈ Latin-1) and joined; one line per text operator.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const re = /stream\r?\n/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const t of body.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...t[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
      out.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return out.join('\n');
}
